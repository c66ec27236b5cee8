using CsCheck;
using Migrator.Core.Planning;
using Migrator.Core.Text;

namespace Migrator.Core.Tests.Text;

public class CompactTextTests
{
    private const string Policy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:sub":"system:serviceaccount:payments:api","oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789:aud":"sts.amazonaws.com"}}}]}
        """;

    [Fact]
    public void Any_text_comes_back_as_it_was_given() =>
        Gen.String.Sample(text => CompactText.Of(text).ToString() == text, iter: 2_000);

    [Fact]
    public void Text_of_any_characters_and_length_comes_back_whole()
    {
        // Characters of every UTF-8 length, surrogate halves alone and in pairs, and texts long enough to compress.
        var chars = Gen.Char["a{}\":/é€😀\u0000"];
        Gen.String[chars, 0, 5_000].Sample(text => CompactText.Of(text).ToString() == text, iter: 300);
    }

    [Fact]
    public void A_trust_policy_is_held_in_fewer_bytes_than_its_UTF8()
    {
        var compact = CompactText.Of(Policy);
        Assert.Equal(Policy, compact.ToString());
        Assert.InRange(compact.CompactedSize, 1, System.Text.Encoding.UTF8.GetByteCount(Policy) * 2 / 3);
    }

    [Fact]
    public void Equal_texts_are_equal_compacts_and_different_texts_are_not()
    {
        Assert.Equal(CompactText.Of(Policy), CompactText.Of(string.Concat(Policy.AsSpan(0, 10), Policy.AsSpan(10))));
        Assert.Equal(CompactText.Of(Policy).GetHashCode(), CompactText.Of(Policy).GetHashCode());
        Assert.NotEqual(CompactText.Of(Policy), CompactText.Of(Policy.Replace("api", "apj")));
        Assert.Null(CompactText.OfNullable(null));
    }

    [Fact]
    public void A_planned_role_holds_its_policy_compacted_and_keeps_its_JSON_shape()
    {
        var role = new PlannedRole("arn:aws:iam::111122223333:role/api", "111122223333", "api", Policy);
        Assert.Equal(Policy, role.TrustPolicyAtPlanning);
        Assert.Equal(role, PlannedRole.Compacted(role.Arn, role.AccountId, role.Name, CompactText.Of(Policy)));
        Assert.NotEqual(role, new PlannedRole(role.Arn, role.AccountId, role.Name, null));
        var json = System.Text.Json.JsonSerializer.Serialize(role, PlanJson.Compact);
        using (var doc = System.Text.Json.JsonDocument.Parse(json))
        {
            Assert.Equal(["arn", "accountId", "name", "trustPolicyAtPlanning"], doc.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(Policy, doc.RootElement.GetProperty("trustPolicyAtPlanning").GetString());
        }
        Assert.Equal(role, System.Text.Json.JsonSerializer.Deserialize<PlannedRole>(json, PlanJson.Compact));
    }
}
