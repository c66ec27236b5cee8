using Migrator.Core.Planning;
using Migrator.Core.Planning.Steps;

namespace Migrator.Core.Execution;

/// <summary>What a trust-writing step would write: the document it starts from and the rewrite (the exact document, or why none).</summary>
public sealed record TrustPreviewEntry(string StepId, string RoleArn, string Before, TrustEdit Edit);

/// <summary>
/// The trust documents a phase would write, for its dry run: each trust step's rewrite, computed by the executor's
/// rewriter at the scope the plan approved, from the document the previous step of the same role left (the first from
/// <c>current</c>: the live policy, or the one at planning when it cannot be read). Pure.
/// </summary>
public static class TrustPreview
{
    public static IReadOnlyList<TrustPreviewEntry> Of(MigrationPlan plan, IEnumerable<PlanStep> steps, IReadOnlyDictionary<string, string> current)
    {
        var editor = RewriterTrustEditor.For(plan);
        var documents = new Dictionary<string, string>(current, StringComparer.Ordinal);
        var entries = new List<TrustPreviewEntry>();
        foreach (var step in steps)
        {
            if (step.RoleArn is not { } role || !documents.TryGetValue(role, out var before))
                continue;
            TrustEdit? edit = step switch
            {
                AddPodIdentityTrustStep add => editor.AddPodIdentity(before, add.Bindings, add.ApprovedTrustScope(plan.Settings)),
                RemoveIrsaTrustSubjectStep remove => editor.RemoveIrsaSubject(before, remove.Issuer, remove.Key.Namespace, remove.Key.ServiceAccount),
                _ => null,
            };
            if (edit is null)
                continue;
            entries.Add(new TrustPreviewEntry(step.Id, role, before, edit));
            if (edit.Success)
                documents[role] = edit.Document;
        }
        return entries;
    }

    /// <summary>The steps whose trust a dry run shows: the guarded trust writes.</summary>
    public static bool WritesTrust(PlanStep step) => step is AddPodIdentityTrustStep or RemoveIrsaTrustSubjectStep;
}
