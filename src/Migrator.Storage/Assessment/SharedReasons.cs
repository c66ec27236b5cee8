using System.Runtime.CompilerServices;
using Migrator.Core.Assessment;

namespace Migrator.Storage.Assessment;

/// <summary>
/// One instance per distinct reason, and one list per distinct sequence of reasons, within one load: most bindings of
/// a large assessment carry the same few reasons (their evidence left out of the read), so 200,000 bindings hold a few
/// thousand lists instead of one list and one object per reason each. The lists are read-only arrays.
/// </summary>
internal sealed class SharedReasons
{
    private readonly Dictionary<AssessmentReason, AssessmentReason> _reasons = [];
    private readonly Dictionary<Sequence, AssessmentReason[]> _lists = [];

    public AssessmentReason Share(AssessmentReason reason)
    {
        if (_reasons.TryGetValue(reason, out var existing)) return existing;
        _reasons[reason] = reason;
        return reason;
    }

    /// <summary>The shared list equal to <paramref name="reasons"/> (whose reasons come from <see cref="Share(AssessmentReason)"/>).</summary>
    public IReadOnlyList<AssessmentReason> Share(List<AssessmentReason> reasons)
    {
        if (reasons.Count == 0) return [];
        var candidate = new Sequence(reasons.ToArray());
        if (_lists.TryGetValue(candidate, out var existing)) return existing;
        _lists[candidate] = candidate.Reasons;
        return candidate.Reasons;
    }

    /// <summary>A sequence of shared reasons: equal when it holds the same instances in the same order.</summary>
    private readonly struct Sequence(AssessmentReason[] reasons) : IEquatable<Sequence>
    {
        public AssessmentReason[] Reasons { get; } = reasons;

        public bool Equals(Sequence other)
        {
            if (Reasons.Length != other.Reasons.Length) return false;
            for (var i = 0; i < Reasons.Length; i++)
                if (!ReferenceEquals(Reasons[i], other.Reasons[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is Sequence other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var r in Reasons) hash.Add(RuntimeHelpers.GetHashCode(r));
            return hash.ToHashCode();
        }
    }
}
