using Migrator.Core.Ports;

namespace Migrator.Core.Execution;

/// <summary>Everything outside the executor it talks to. Without <paramref name="Evidence"/> cleanups are not gated on CloudTrail.</summary>
/// <remarks><paramref name="ChangeSets"/> writes change-sets for owners; without it a change-set step fails, naming the setting.</remarks>
public sealed record ExecutionPorts(IEksApi Eks, IIamApi Iam, IKubernetesEstate Kubernetes, IExecutionJournal Journal, ITrustDocumentEditor Trust,
    ICredentialUseEvents? Evidence = null, IChangeSetWriter? ChangeSets = null);
