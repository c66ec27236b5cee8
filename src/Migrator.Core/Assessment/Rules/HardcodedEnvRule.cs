using Migrator.Core.Inventory;

namespace Migrator.Core.Assessment.Rules;

/// <summary>
/// A web-identity env written into the pod spec still wins in the SDKs' default chain over the Pod Identity env the
/// webhook injects (DOMAIN.md precedence), so such workloads would keep using IRSA after the cut-over.
/// </summary>
internal sealed class HardcodedEnvRule : IAssessmentRule
{
    private static readonly string[] WebIdentityEnv = ["AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"];

    public IEnumerable<Finding> Evaluate(BindingContext b)
    {
        var items = b.Workloads.OrderBy(w => w.Kind).ThenBy(w => w.Name, StringComparer.Ordinal)
            .Select(w => (w, env: w.HardCodedAwsEnv.Where(e => WebIdentityEnv.Contains(e, StringComparer.Ordinal)).ToList()))
            .Where(x => x.env.Count > 0)
            .Select(x => $"{x.w.Kind} {x.w.Name} sets {string.Join(", ", x.env)} in its pod spec")
            .ToList();
        if (items.Count == 0)
        {
            items = b.Pods.Where(p => p.CredentialMode == CredentialMode.HardCoded).OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => $"pod {p.Name} carries hand-written AWS credential env").ToList();
        }
        if (items.Count == 0) yield break;
        yield return new Finding(ReasonCodes.HardcodedWebIdentityEnv,
            "Workloads hard-code web-identity credentials env",
            $"{b.Key.Display}: {BindingContext.List(items)}",
            "Remove AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE from the pod spec (let the webhook inject them) before migrating; until then keep IRSA.");
    }
}
