using Migrator.Core.Trust;

namespace Migrator.Core.Tests.Trust;

public class PolicyDocumentTests
{
    private const string Compact = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    [Fact]
    public void Same_ignores_whitespace_but_not_key_order()
    {
        var indented = PolicyDocument.Pretty(Compact);
        var reordered = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}],"Version":"2012-10-17"}""";

        Assert.True(PolicyDocument.Same(Compact, indented));
        Assert.False(PolicyDocument.Same(Compact, reordered));
        Assert.False(PolicyDocument.Same(Compact, Compact.Replace("TagSession", "SetSourceIdentity", StringComparison.Ordinal)));
    }

    [Fact]
    public void SameValue_ignores_whitespace_and_key_order()
    {
        var reordered = """{ "Statement": [ { "Action": ["sts:AssumeRole","sts:TagSession"], "Principal": {"Service":"pods.eks.amazonaws.com"}, "Effect": "Allow" } ], "Version": "2012-10-17" }""";

        Assert.True(PolicyDocument.SameValue(Compact, reordered));
        // Array order is part of the value.
        Assert.False(PolicyDocument.SameValue(Compact, Compact.Replace("\"sts:AssumeRole\",\"sts:TagSession\"", "\"sts:TagSession\",\"sts:AssumeRole\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(null, "{}", false)]
    [InlineData("{}", null, false)]
    [InlineData("not json", "not json", true)]
    [InlineData("not json", "not  json", false)]
    public void Nulls_and_documents_that_do_not_parse_are_compared_as_text(string? a, string? b, bool same)
    {
        Assert.Equal(same, PolicyDocument.Same(a, b));
        Assert.Equal(same, PolicyDocument.SameValue(a, b));
    }

    [Fact]
    public void Pretty_decodes_and_indents_with_two_spaces_in_document_order()
    {
        var pretty = PolicyDocument.Pretty(Uri.EscapeDataString(Compact));

        Assert.Equal(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {
                    "Service": "pods.eks.amazonaws.com"
                  },
                  "Action": [
                    "sts:AssumeRole",
                    "sts:TagSession"
                  ]
                }
              ]
            }
            """.ReplaceLineEndings("\n"), pretty);
    }

    [Fact]
    public void Pretty_leaves_a_document_that_is_not_json_as_decoded_text()
    {
        Assert.Equal("{\"Version\":", PolicyDocument.Pretty("%7B%22Version%22%3A"));
        Assert.Equal(["a", "b"], PolicyDocument.PrettyLines("a\r\nb"));
    }
}
