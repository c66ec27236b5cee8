using System.Text.Json.Serialization;
using Migrator.Core.Text;

namespace Migrator.Core.Planning;

/// <summary>
/// A role the plan edits, with its trust policy as the inventory read it (the drift guard's and the rollback's
/// reference). The policy is held compacted (<see cref="CompactText"/>): a plan of a 200,000-binding estate names
/// about 36,000 roles, and its header is held from the moment the plan is decided until it is written.
/// </summary>
public sealed record PlannedRole
{
    private readonly CompactText? _trust;

    [JsonConstructor]
    public PlannedRole(string Arn, string AccountId, string Name, string? TrustPolicyAtPlanning)
        : this(Arn, AccountId, Name, CompactText.OfNullable(TrustPolicyAtPlanning))
    {
    }

    private PlannedRole(string arn, string accountId, string name, CompactText? trust)
    {
        Arn = arn;
        AccountId = accountId;
        Name = name;
        _trust = trust;
    }

    /// <summary>A planned role whose policy is already compacted (planning holds the policies so).</summary>
    public static PlannedRole Compacted(string arn, string accountId, string name, CompactText? trustPolicyAtPlanning) =>
        new(arn, accountId, name, trustPolicyAtPlanning);

    public string Arn { get; }
    public string AccountId { get; }
    public string Name { get; }

    /// <summary>The trust policy as the inventory read it (expanded on each read); null when it was not read.</summary>
    public string? TrustPolicyAtPlanning => _trust?.ToString();
}
