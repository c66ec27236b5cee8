using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Migrator.Sandbox.Aws;

/// <summary>
/// Pod Identity associations (aws-sdk-go-v2 service/eks api_op_*PodIdentityAssociation.go): one per namespace and
/// ServiceAccount (409 ResourceInUseException), the role must exist, be visible to EKS yet, and live in the cluster's
/// account (a cross-account role goes in targetRoleArn); a per-cluster quota; new associations show in List/Describe
/// only after the configured delay; add-on-owned ones change only through the add-on API.
/// </summary>
public sealed partial class EksApi
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private long _associationsCreated;

    private IResult ListAssociations(EksCall call, string name)
    {
        call.Query.TryGetValue("namespace", out var ns);
        call.Query.TryGetValue("serviceAccount", out var sa);
        var (cluster, visible) = _sandbox.State.Read(e =>
        {
            var c = FindCluster(e, call, name);
            return (c, c.PodIdentityAssociations
                .Where(a => _sandbox.Realism.IsAssociationVisible(a) && (ns is null || a.Namespace == ns) && (sa is null || a.ServiceAccount == sa))
                .OrderBy(a => a.AssociationId, StringComparer.Ordinal).ToList());
        });
        var (page, next) = Page(visible, call);
        return EksJson.Ok(new { associations = page.Select(a => EksJson.AssociationSummary(cluster, a)), nextToken = next });
    }

    private IResult DescribeAssociation(EksCall call, string name, string id) => _sandbox.State.Read(e =>
    {
        var cluster = FindCluster(e, call, name);
        return EksJson.Ok(new { association = EksJson.Association(cluster, VisibleAssociation(cluster, id)) });
    });

    private IResult CreateAssociation(EksCall call, string name) => _sandbox.State.Write(e =>
    {
        var cluster = FindCluster(e, call, name);
        var ns = call.Required("namespace");
        var sa = call.Required("serviceAccount");
        var roleArn = call.Required("roleArn");
        var targetRoleArn = call.Text("targetRoleArn");
        var token = call.Text("clientRequestToken");
        // Idempotency: a retry with the token of an earlier create answers with that association, even while List and
        // Describe do not show it yet (the create response never lags).
        if (token is not null && cluster.PodIdentityAssociations.Find(a => a.ClientRequestToken == token) is { } earlier
            && earlier.Namespace == ns && earlier.ServiceAccount == sa && earlier.RoleArn == roleArn)
        {
            return EksJson.Ok(new { association = EksJson.Association(cluster, earlier) });
        }

        CheckRoles(e, cluster, roleArn, targetRoleArn);
        if (cluster.FindAssociation(ns, sa) is not null)
        {
            throw new EksError(409, "ResourceInUseException", "Association already exists");
        }

        if (cluster.PodIdentityAssociations.Count >= _sandbox.Realism.Options.AssociationQuotaPerCluster)
        {
            throw new EksError(400, "ResourceLimitExceededException",
                $"Pod Identity associations per cluster quota ({_sandbox.Realism.Options.AssociationQuotaPerCluster}) exceeded for cluster {cluster.Name}.");
        }

        var association = NewAssociation(cluster, ns, sa, roleArn, targetRoleArn, call.Flag("disableSessionTags") ?? false, ownerArn: null, call.Aws.Now);
        association.Tags = Tags(call.Body);
        association.ClientRequestToken = token;
        call.Aws.Applied();
        return EksJson.Ok(new { association = EksJson.Association(cluster, association) });
    });

    private IResult UpdateAssociation(EksCall call, string name, string id) => _sandbox.State.Write(e =>
    {
        var cluster = FindCluster(e, call, name);
        var association = VisibleAssociation(cluster, id);
        if (association.OwnerArn is not null)
        {
            throw new EksError(400, "InvalidRequestException", $"Pod Identity association {id} is owned by {association.OwnerArn}; update it through the add-on.");
        }

        var roleArn = call.Text("roleArn") ?? association.RoleArn;
        var targetRoleArn = call.Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("targetRoleArn", out _) ? call.Text("targetRoleArn") : association.TargetRoleArn;
        CheckRoles(e, cluster, roleArn, string.IsNullOrEmpty(targetRoleArn) ? null : targetRoleArn);
        association.RoleArn = roleArn;
        association.TargetRoleArn = string.IsNullOrEmpty(targetRoleArn) ? null : targetRoleArn;
        association.DisableSessionTags = call.Flag("disableSessionTags") ?? association.DisableSessionTags;
        association.ModifiedAt = call.Aws.Now;
        call.Aws.Applied();
        return EksJson.Ok(new { association = EksJson.Association(cluster, association) });
    });

    private IResult DeleteAssociation(EksCall call, string name, string id) => _sandbox.State.Write(e =>
    {
        var cluster = FindCluster(e, call, name);
        var association = VisibleAssociation(cluster, id);
        if (association.OwnerArn is not null)
        {
            throw new EksError(400, "InvalidRequestException", $"Pod Identity association {id} is owned by {association.OwnerArn}; remove it through the add-on.");
        }

        cluster.PodIdentityAssociations.Remove(association);
        call.Aws.Applied();
        return EksJson.Ok(new { association = EksJson.Association(cluster, association) });
    });

    private PodIdentityAssociation VisibleAssociation(Cluster cluster, string id) =>
        cluster.PodIdentityAssociations.Find(a => a.AssociationId == id && _sandbox.Realism.IsAssociationVisible(a))
        ?? throw new EksError(404, "ResourceNotFoundException", $"No Pod Identity Association found for id: {id}.");

    private PodIdentityAssociation NewAssociation(Cluster cluster, string ns, string sa, string roleArn, string? targetRoleArn, bool disableSessionTags,
        string? ownerArn, DateTimeOffset now)
    {
        var n = Interlocked.Increment(ref _associationsCreated);
        var association = new PodIdentityAssociation
        {
            AssociationId = "a-" + StableId.FromAlphabet($"association/{cluster.Key}/{ns}/{sa}/{now.UtcTicks}/{n}", 17, IdAlphabet),
            Namespace = ns,
            ServiceAccount = sa,
            RoleArn = roleArn,
            TargetRoleArn = targetRoleArn,
            DisableSessionTags = disableSessionTags,
            OwnerArn = ownerArn,
            CreatedAt = now,
            ModifiedAt = now,
        };
        cluster.PodIdentityAssociations.Add(association);
        return association;
    }

    /// <summary>The role must be in the cluster's account (iam:PassRole) and visible to EKS; a target role may be anywhere.</summary>
    private void CheckRoles(Estate estate, Cluster cluster, string roleArn, string? targetRoleArn)
    {
        if (!IamArn.TryParseRole(roleArn, out var account, out _, out _))
        {
            throw new EksError(400, "InvalidParameterException", $"Role ARN {roleArn} is not valid.");
        }

        if (account != cluster.AccountId)
        {
            throw new EksError(400, "InvalidParameterException",
                $"Role {roleArn} must be in the cluster's account {cluster.AccountId}; use targetRoleArn for a role in another account.");
        }

        var role = estate.FindRole(roleArn);
        if (role is null || !_sandbox.Realism.IsRoleVisibleToEks(role))
        {
            throw new EksError(400, "InvalidParameterException", "Role provided in the request does not exist");
        }

        if (targetRoleArn is not null && !IamArn.TryParseRole(targetRoleArn, out _, out _, out _))
        {
            throw new EksError(400, "InvalidParameterException", $"Target role ARN {targetRoleArn} is not valid.");
        }
    }

    private static Dictionary<string, string> Tags(JsonElement? body) =>
        body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
            ? tags.EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.String).ToDictionary(t => t.Name, t => t.Value.GetString()!, StringComparer.Ordinal)
            : [];
}
