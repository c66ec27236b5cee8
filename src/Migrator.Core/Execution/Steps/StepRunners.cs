using Migrator.Core.Planning;

namespace Migrator.Core.Execution.Steps;

/// <summary>The runner of each step kind.</summary>
internal static class StepRunners
{
    private static readonly Dictionary<StepKind, IStepRunner> ByKind = new IStepRunner[]
    {
        new EnsurePodIdentityAgentRunner(),
        new AddPodIdentityTrustRunner(),
        new CreateAssociationRunner(),
        new UpdateAddonAssociationRunner(),
        new RestartWorkloadRunner(),
        new ManualRestartRunner(),
        new VerifyPodIdentityRunner(),
        new RemoveIrsaAnnotationsRunner(),
        new RemoveIrsaTrustSubjectRunner(),
        new PodIdentityTrustChangeSetRunner(),
        new AssociationChangeSetRunner(),
        new AnnotationsChangeSetRunner(),
        new TrustSubjectChangeSetRunner(),
    }.ToDictionary(r => r.Kind);

    public static IStepRunner For(StepKind kind) =>
        ByKind.TryGetValue(kind, out var runner) ? runner : throw new InvalidOperationException($"no runner for step kind {kind}");

    public static IReadOnlyCollection<StepKind> Kinds => ByKind.Keys;
}
