using Migrator.Storage;

namespace Migrator.Integration.Tests.Storage;

/// <summary>The map and list columns: what the store writes reads back exactly; a damaged column is named, not guessed at.</summary>
public sealed class StorageFormatTests
{
    [Fact]
    public void Maps_and_lists_read_back_what_was_written_escapes_and_all()
    {
        var map = new Dictionary<string, string>
        {
            ["eks.amazonaws.com/role-arn"] = "arn:aws:iam::111122223333:role/a",
            ["odd \"quoted\" \\ key"] = "ünïcode ✓ <tag> & \n line",
            [""] = "",
        };
        List<string> list = ["a", "b \"c\"", "ü", ""];

        Assert.Equal(map, StorageFormat.Map(StorageFormat.ToJson(map)));
        Assert.Equal(list, StorageFormat.List(StorageFormat.ToJson(list)));
        Assert.Empty(StorageFormat.Map(null));
        Assert.Empty(StorageFormat.Map("{}"));
        Assert.Empty(StorageFormat.List(""));
        Assert.Empty(StorageFormat.List("[]"));
    }

    [Theory]
    [InlineData("[\"a\"]")]
    [InlineData("{\"a\":1}")]
    [InlineData("{\"a\":\"b\"")]
    [InlineData("{\"a\":[\"b\"]}")]
    public void A_damaged_map_column_is_refused_with_its_content(string json)
    {
        var e = Assert.Throws<StorageException>(() => StorageFormat.Map(json));

        Assert.Contains("not an object of strings", e.Message, StringComparison.Ordinal);
        Assert.Contains(json, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":\"b\"}")]
    [InlineData("[\"a\",1]")]
    [InlineData("[\"a\"")]
    public void A_damaged_list_column_is_refused(string json)
    {
        var e = Assert.Throws<StorageException>(() => StorageFormat.List(json));

        Assert.Contains("not an array of strings", e.Message, StringComparison.Ordinal);
    }
}
