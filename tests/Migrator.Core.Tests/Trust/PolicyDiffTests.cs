using Migrator.Core.Trust;

namespace Migrator.Core.Tests.Trust;

public class PolicyDiffTests
{
    private const string Irsa = """{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A"},"Action":"sts:AssumeRoleWithWebIdentity"}""";
    private const string Pods = """{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}""";

    private static string Policy(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static string Show(IEnumerable<PolicyDiffLine> lines) => string.Join("\n", lines.Select(l => l.Mark + l.Text));

    [Fact]
    public void Lines_marks_every_line_of_both_in_order()
    {
        var lines = PolicyDiff.Lines(["a", "b", "c"], ["a", "x", "c", "d"]);

        Assert.Equal(" a\n-b\n+x\n c\n+d", Show(lines));
    }

    [Fact]
    public void Unified_shows_hunks_with_three_lines_of_context_and_nothing_for_equal_texts()
    {
        var before = string.Join("\n", Enumerable.Range(1, 12).Select(i => $"line {i}"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 11", "line eleven", StringComparison.Ordinal);

        var diff = PolicyDiff.Unified(before, after, "old", "new");

        var expected = string.Join(Environment.NewLine,
            "--- old", "+++ new", "@@", " line 1", "-line 2", "+line two", " line 3", " line 4", " line 5",
            "@@", " line 8", " line 9", " line 10", "-line 11", "+line eleven", " line 12", "");
        Assert.Equal(expected, diff);
        Assert.Equal("", PolicyDiff.Unified(before, before.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Statements_are_matched_whole_so_a_removed_and_an_added_statement_show_as_themselves()
    {
        var lines = PolicyDiff.Statements(Policy(Irsa), Uri.EscapeDataString(Policy(Pods)));

        Assert.Equal(
            """
             {
               "Version": "2012-10-17",
               "Statement": [
            -    {
            -      "Effect": "Allow",
            -      "Principal": {
            -        "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/A"
            -      },
            -      "Action": "sts:AssumeRoleWithWebIdentity"
            -    }
            +    {
            +      "Effect": "Allow",
            +      "Principal": {
            +        "Service": "pods.eks.amazonaws.com"
            +      },
            +      "Action": [
            +        "sts:AssumeRole",
            +        "sts:TagSession"
            +      ]
            +    }
               ]
             }
            """.ReplaceLineEndings("\n"), Show(lines));
    }

    [Fact]
    public void Statements_keeps_an_unchanged_statement_and_puts_commas_between_statements()
    {
        var lines = PolicyDiff.Statements(Policy(Irsa), Policy(Irsa, Pods));

        Assert.Equal(PolicyDiffOp.Kept, lines.Single(l => l.Text.Contains("Federated", StringComparison.Ordinal)).Op);
        Assert.Equal("    },", lines.First(l => l.Op == PolicyDiffOp.Kept && l.Text.StartsWith("    }", StringComparison.Ordinal)).Text);
        Assert.Equal("    }", lines.Last(l => l.Op == PolicyDiffOp.Added).Text);
    }

    [Fact]
    public void Statements_shows_a_changed_header_member_as_removed_and_added()
    {
        var after = Policy(Irsa).Replace("2012-10-17", "2008-10-17", StringComparison.Ordinal);

        var lines = PolicyDiff.Statements(Policy(Irsa), after);

        Assert.Contains(new PolicyDiffLine(PolicyDiffOp.Removed, "  \"Version\": \"2012-10-17\","), lines);
        Assert.Contains(new PolicyDiffLine(PolicyDiffOp.Added, "  \"Version\": \"2008-10-17\","), lines);
    }

    [Fact]
    public void A_document_without_a_statement_array_falls_back_to_a_line_diff_of_the_pretty_text()
    {
        var lines = PolicyDiff.Statements("""{"Version":"2012-10-17"}""", "not json");

        Assert.Equal("-{\n-  \"Version\": \"2012-10-17\"\n-}\n+not json", Show(lines));
    }
}
