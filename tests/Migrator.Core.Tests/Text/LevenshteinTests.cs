using Migrator.Core.Text;

namespace Migrator.Core.Tests.Text;

public class LevenshteinTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("StringEquals", "StringEquals", 0)]
    [InlineData("StringEqual", "StringEquals", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("Bool", "bool", 1)]
    public void Distance_counts_the_fewest_single_character_edits(string a, string b, int distance)
    {
        Assert.Equal(distance, Levenshtein.Distance(a, b));
        Assert.Equal(distance, Levenshtein.Distance(b, a));
    }
}
