using Migrator.Core.Planning;
using Migrator.Core.Trust;

namespace Migrator.Core.Ownership.ChangeSets;

/// <summary>
/// Renders an <see cref="OwnerChange"/> as the files its owner's tool reads: Terraform (aws_iam_role assume_role_policy,
/// aws_eks_pod_identity_association), eksctl (ClusterConfig iam.podIdentityAssociations; its own stacks also through
/// `eksctl utils migrate-to-pod-identity`), CloudFormation (template fragment), Helm values and a kustomize patch.
/// Pure: the files are written by the <see cref="Ports.IChangeSetWriter"/>.
/// </summary>
public static class ChangeSetRenderer
{
    public static OwnerChangeSet Render(OwnerChange change)
    {
        var directory = $"{PathName(change.PlanId)}/p{change.Phase}/{PathName(change.StepId)}{(change.Rollback ? "-rollback" : "")}";
        var files = new List<ChangeFile>();
        if (change.Trust is { } trust)
            files.AddRange(TrustFiles(change, trust));
        if (change.Association is { } association)
            files.AddRange(AssociationFiles(change, association));
        if (change.Annotations is { } annotations)
            files.AddRange(AnnotationFiles(change, annotations));
        files.Add(new ChangeFile(OwnerChange.FileName, change.ToJson() + "\n"));
        return new OwnerChangeSet(directory, change, files);
    }

    private static string Header(OwnerChange c, string comment, string apply) =>
        $"""
        {comment} Migrator change-set: plan {c.PlanId}, phase {c.Phase}, step {c.StepId}{(c.Rollback ? " (ROLLBACK)" : "")}
        {comment} Owner: {c.Owner.Display} ({c.Owner.Evidence})
        {comment} {c.Summary}
        {comment} Apply: {apply}
        {comment} Then run `migrator phase run {c.Phase}` again (or let the worker): it continues once a live read shows the change.

        """;

    private static IEnumerable<ChangeFile> TrustFiles(OwnerChange c, TrustChange t)
    {
        var account = RoleArns.AccountOf(t.RoleArn);
        var name = RoleArns.NameOf(t.RoleArn);
        var compact = Compact(t.Document);
        switch (c.Owner.Kind)
        {
            case OwnerKind.Terraform:
                yield return new ChangeFile("main.tf", Header(c, "#", "set this assume_role_policy on the role in your configuration; `terraform plan` must show only this change; `terraform apply`")
                    + $$"""
                    resource "aws_iam_role" {{HclJson.Quote(HclJson.Label($"{account}_{name}"))}} {
                      provider = aws.{{Provider(account, null)}}
                      name     = {{HclJson.Quote(name)}}

                      assume_role_policy = jsonencode({{HclJson.Of(t.Document, 2)}})
                    }

                    """);
                break;
            case OwnerKind.Eksctl:
                yield return new ChangeFile("cloudformation.yaml", Header(c, "#", "eksctl created this role in its stack: `eksctl utils migrate-to-pod-identity --cluster CLUSTER --approve` migrates its own stacks; or update the stack's role with this AssumeRolePolicyDocument")
                    + CloudFormationRole(name, compact));
                break;
            default:
                yield return new ChangeFile("cloudformation.yaml", Header(c, "#", $"update stack {c.Owner.Name ?? "(the role's stack)"}: set the role's AssumeRolePolicyDocument to this document; `aws cloudformation deploy`")
                    + CloudFormationRole(name, compact));
                break;
        }
        yield return new ChangeFile("trust-policy.json", PolicyDocument.Pretty(t.Document) + "\n");
    }

    private static string CloudFormationRole(string roleName, string compactDocument) =>
        $"""
        Resources:
          {HclJson.Label(roleName).Replace("_", "", StringComparison.Ordinal)}Role:  # the role's logical id in your template
            Type: AWS::IAM::Role
            Properties:
              RoleName: {roleName}
              AssumeRolePolicyDocument: {compactDocument}

        """;

    private static IEnumerable<ChangeFile> AssociationFiles(OwnerChange c, AssociationChange a)
    {
        var account = a.Cluster.Split('/')[0];
        var verb = a.Present ? "add" : "remove";
        switch (c.Owner.Kind)
        {
            case OwnerKind.Terraform:
                yield return new ChangeFile("main.tf", Header(c, "#", a.Present ? "add this resource to the configuration that manages the role; `terraform apply`" : "remove this resource from your configuration; `terraform apply`")
                    + $$"""
                    resource "aws_eks_pod_identity_association" {{HclJson.Quote(HclJson.Label($"{account}_{a.Region}_{a.ClusterName}_{a.Namespace}_{a.ServiceAccount}"))}} {
                      provider        = aws.{{Provider(account, a.Region)}}
                      cluster_name    = {{HclJson.Quote(a.ClusterName)}}
                      namespace       = {{HclJson.Quote(a.Namespace)}}
                      service_account = {{HclJson.Quote(a.ServiceAccount)}}
                      role_arn        = {{HclJson.Quote(a.RoleArn)}}
                    }

                    """);
                break;
            case OwnerKind.Eksctl:
                yield return new ChangeFile("cluster.yaml", Header(c, "#", a.Present
                        ? $"merge into the cluster's ClusterConfig; `eksctl create podidentityassociation -f cluster.yaml`"
                        : $"remove the entry from the ClusterConfig; `eksctl delete podidentityassociation --cluster {a.ClusterName} --namespace {a.Namespace} --service-account-name {a.ServiceAccount}`")
                    + $"""
                    apiVersion: eksctl.io/v1alpha5
                    kind: ClusterConfig
                    metadata:
                      name: {a.ClusterName}
                      region: {a.Region}
                    iam:
                      podIdentityAssociations:
                        - namespace: {a.Namespace}
                          serviceAccountName: {a.ServiceAccount}
                          roleARN: {a.RoleArn}

                    """);
                break;
            default:
                yield return new ChangeFile("cloudformation.yaml", Header(c, "#", $"{verb} this resource in stack {c.Owner.Name ?? "(the role's stack)"}; `aws cloudformation deploy`")
                    + $"""
                    Resources:
                      PodIdentityAssociation{HclJson.Label(a.Namespace + "_" + a.ServiceAccount).Replace("_", "", StringComparison.Ordinal)}:
                        Type: AWS::EKS::PodIdentityAssociation
                        Properties:
                          ClusterName: {a.ClusterName}
                          Namespace: {a.Namespace}
                          ServiceAccount: {a.ServiceAccount}
                          RoleArn: {a.RoleArn}

                    """);
                break;
        }
    }

    private static IEnumerable<ChangeFile> AnnotationFiles(OwnerChange c, AnnotationsChange a)
    {
        // Helm and strategic-merge patches both delete a key set to null.
        var lines = a.Remove.Select(k => $"{k}: null").Concat(a.Set.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: \"{kv.Value}\"")).ToList();
        string Block(int indent) => string.Join("\n", lines.Select(l => new string(' ', indent) + l));
        var values = Header(c, "#", c.Owner.Kind == OwnerKind.Helm
                ? $"merge into the release's values (most charts take serviceAccount.annotations); `helm upgrade {c.Owner.Name ?? "RELEASE"} CHART -n {a.Namespace} -f values.yaml --reuse-values`"
                : "merge into the Helm values of the application, if it is a Helm source; commit; let it sync")
            + $"serviceAccount:\n  annotations:\n{Block(4)}\n";
        var patch = Header(c, "#", $"add to the kustomization of {c.Owner.Display} (patches: - path: patch.yaml); commit; let it sync")
            + $"""
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: {a.ServiceAccount}
              namespace: {a.Namespace}
              annotations:
            {Block(4)}

            """;
        switch (c.Owner.Kind)
        {
            case OwnerKind.Helm:
                yield return new ChangeFile("values.yaml", values);
                break;
            default:
                yield return new ChangeFile("patch.yaml", patch);
                yield return new ChangeFile("values.yaml", values);
                break;
        }
    }

    /// <summary>The provider alias of an account (and region): one aws provider block per account/region in the owner's configuration.</summary>
    public static string Provider(string account, string? region) =>
        region is null ? $"a{account}" : $"a{account}_{region.Replace('-', '_')}";

    /// <summary>A file-system-safe name: letters, digits, '.', '-' and '_' kept, anything else (':', '/') as '_'.</summary>
    private static string PathName(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());

    private static string Compact(string document)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(document);
        return System.Text.Json.JsonSerializer.Serialize(doc.RootElement);
    }
}
