namespace Migrator.Core.Trust;

/// <summary>What a diff line does: kept, removed from the first document, or added by the second.</summary>
public enum PolicyDiffOp
{
    Kept,
    Removed,
    Added,
}

/// <summary>One line of a policy diff.</summary>
public sealed record PolicyDiffLine(PolicyDiffOp Op, string Text)
{
    /// <summary>The unified-diff mark: ' ' kept, '-' removed, '+' added.</summary>
    public char Mark => Op switch
    {
        PolicyDiffOp.Removed => '-',
        PolicyDiffOp.Added => '+',
        _ => ' ',
    };
}
