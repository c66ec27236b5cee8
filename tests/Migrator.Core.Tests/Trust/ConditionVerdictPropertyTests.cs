using CsCheck;
using Migrator.Core.Trust;

namespace Migrator.Core.Tests.Trust;

/// <summary>
/// The verdict alone (<see cref="ConditionEvaluator.Holds"/>, what the trust engine decides with) equals the explained
/// outcome (<see cref="ConditionEvaluator.Evaluate"/>) for every operator, qualifier and IfExists, with the key absent,
/// empty, single- or multivalued, and values that match, match by wildcard, or do not.
/// </summary>
public class ConditionVerdictPropertyTests
{
    private static readonly string[] Values =
        ["prod", "PROD", "pr*", "p?od", "10", "10.5", "2025-01-01T00:00:00Z", "1735689600", "true", "false", "10.0.0.0/8", "10.1.2.3",
            "arn:aws:iam::111122223333:role/app", "arn:aws:iam::*:role/*", "dGVzdA==", ""];

    private static readonly string[] Operators =
    [
        .. from kind in Enum.GetNames<ConditionOperatorKind>().Where(k => k != nameof(ConditionOperatorKind.Null))
           from prefix in new[] { "", "ForAnyValue:", "ForAllValues:" }
           from suffix in new[] { "", "IfExists" }
           select prefix + kind + suffix,
        nameof(ConditionOperatorKind.Null),
    ];

    private static readonly Gen<ConditionClause> Clause =
        Gen.Select(Gen.OneOf(Operators), Gen.OneOf(Values).Array[1, 3], (name, values) =>
            new ConditionClause(ConditionOperator.TryParse(name, out _)!, "aws:RequestTag/team", values));

    /// <summary>The key absent (null), present but empty, or with one to three values.</summary>
    private static readonly Gen<string[]?> RequestValues =
        Gen.Int[0, 4].SelectMany(roll => roll switch
        {
            0 => Gen.Const((string[]?)null),
            1 => Gen.Const((string[]?)[]),
            _ => Gen.OneOf(Values).Array[1, 3].Select(v => (string[]?)v),
        });

    [Fact]
    public void The_verdict_alone_equals_the_explained_outcome() =>
        Gen.Select(Clause, RequestValues).Sample((clause, values) =>
        {
            var context = new RequestContext();
            if (values is not null)
                context.Set("AWS:requesttag/TEAM", values);
            var explained = ConditionEvaluator.Evaluate(clause, context);
            Assert.True(explained.Holds == ConditionEvaluator.Holds(clause, context),
                $"{clause.Operator.Name} [{string.Join(", ", clause.Values)}] against {(values is null ? "no key" : $"[{string.Join(", ", values)}]")}: explained {explained.Holds} ({explained.Explanation})");
        }, iter: 5_000);
}
