namespace Migrator.Sandbox;

/// <summary>What the generator made a cluster for: a standard one, or one whose kind decides its bindings' category.</summary>
internal enum ClusterKind
{
    Standard,
    China,
    Version123,
    Platform128Eks3,
    AutoMode,
    NoAgent,
}
