using Migrator.Sandbox.Conditions;

namespace Migrator.Sandbox;

/// <summary>
/// The filler when <see cref="GeneratorOptions.Roles"/> is not set: the rest of the ServiceAccount budget as simple
/// bindings with a role each, a standard cluster four times as often as a special one, 8% without IRSA.
/// </summary>
internal static class SimpleBindingFiller
{
    /// <summary>Share of the fillers' ServiceAccounts that have no IRSA at all.</summary>
    public const double BackgroundShare = 0.08;

    public static void Fill(EstateDraft draft)
    {
        var weighted = draft.WeightedClusters();
        var i = 0;
        while (draft.Budget > 0)
        {
            var cluster = weighted[i++ % weighted.Count];
            if (draft.Rng.NextDouble() < BackgroundShare)
            {
                draft.AddServiceAccountWithoutIrsa(cluster);
                continue;
            }
            SimpleIrsa.Binding.PlantOn(draft, cluster);
        }
    }
}
