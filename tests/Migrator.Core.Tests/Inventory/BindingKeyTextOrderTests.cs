using CsCheck;
using Migrator.Core.Inventory;

namespace Migrator.Core.Tests.Inventory;

/// <summary>The key order plans use compares keys exactly as their text compares ordinally (CsCheck, shrinking to a minimal pair).</summary>
public class BindingKeyTextOrderTests
{
    // Characters around '/' in ordinal order ('-' and '.' sort before it, digits and letters after), so parts that are
    // prefixes of one another meet every case; '/' itself makes parts misalign.
    private static readonly Gen<string> Part = Gen.String[Gen.Char["-./0az~é"], 0, 4];

    private static readonly Gen<BindingKey> Key =
        Gen.Select(Part, Part, Part, Part, Part, (account, region, cluster, ns, sa) => new BindingKey(new ClusterRef(account, region, cluster), ns, sa));

    [Fact]
    public void Keys_compare_as_their_text_compares_ordinally() =>
        Gen.Select(Key, Key).Sample((a, b) =>
            Math.Sign(BindingKeyTextOrder.Instance.Compare(a, b)) == Math.Sign(string.CompareOrdinal(a.ToString(), b.ToString())), iter: 20_000);

    /// <summary>Parts up to 300 characters, so some keys outgrow the 512-character buffer the plan's JSON formats into.</summary>
    private static readonly Gen<BindingKey> LongKey =
        Gen.Select(Gen.String[Gen.Char["a/é\"\\\u0001"], 0, 300].Array[5], p => new BindingKey(new ClusterRef(p[0], p[1], p[2]), p[3], p[4]));

    [Fact]
    public void Keys_formatted_in_place_read_as_their_text_in_interpolations_and_the_plans_json() =>
        LongKey.Sample(key =>
        {
            Assert.Equal($"{key.Cluster.Key}/{key.Namespace}/{key.ServiceAccount}", $"{key}");
            Assert.Equal(key.Cluster.Key, $"{key.Cluster}");
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(key.ToString()), System.Text.Json.JsonSerializer.Serialize(key, Migrator.Core.Planning.PlanJson.Compact));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(key.Cluster.Key), System.Text.Json.JsonSerializer.Serialize(key.Cluster, Migrator.Core.Planning.PlanJson.Compact));
        }, iter: 2_000);

    [Fact]
    public void A_part_that_continues_past_a_shorter_one_sorts_by_the_character_after_it()
    {
        var cluster = new ClusterRef("111122223333", "eu-west-1", "blue");
        // "team-a/…" before "team/…" ('-' < '/'), and "team/…" before "team0/…" ('/' < '0'): not part by part.
        var keys = new[] { new BindingKey(cluster, "team0", "sa"), new BindingKey(cluster, "team", "sa"), new BindingKey(cluster, "team-a", "sa") };
        Assert.Equal(["team-a", "team", "team0"], keys.Order(BindingKeyTextOrder.Instance).Select(k => k.Namespace));
        Assert.Equal(["team", "team-a", "team0"], keys.Order(BindingOrder.Instance).Select(k => k.Namespace));
        Assert.Equal(0, BindingKeyTextOrder.Instance.Compare(keys[0], new BindingKey(cluster, "team0", "sa")));
    }
}
