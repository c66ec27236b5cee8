namespace Migrator.Core.Evidence;

/// <summary>What the evidence says about one binding's cut-over: proceed with cleanup, or hold and why.</summary>
public sealed record CutoverVerdict(bool Proceed, string Message, CredentialUse? Evidence)
{
    public static CutoverVerdict Cleared(string message, CredentialUse? evidence) => new(true, message, evidence);
    public static CutoverVerdict Held(string message, CredentialUse? evidence = null) => new(false, message, evidence);
}
