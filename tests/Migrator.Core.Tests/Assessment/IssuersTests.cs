using Migrator.Core.Assessment;

namespace Migrator.Core.Tests.Assessment;

/// <summary>Issuer spellings: IAM and trust conditions write host/path, EKS reports https://host/path.</summary>
public class IssuersTests
{
    private const string Issuer = "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";

    [Theory]
    [InlineData("https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789")]
    [InlineData("HTTPS://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789/")]
    [InlineData("  oidc.eks.eu-west-1.amazonaws.com/id/abcdef0123456789// ")]
    [InlineData("oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789")]
    public void Spellings_of_one_issuer_are_the_same_issuer(string spelling)
    {
        Assert.True(Issuers.SameIssuer(spelling, Issuer));
        Assert.True(Issuers.SameIssuer(Issuer, spelling));
        Assert.Equal(Issuer, Issuers.Normalize(spelling), ignoreCase: true);
    }

    [Theory]
    [InlineData("https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF012345678")]
    [InlineData("https://oidc.eks.eu-west-2.amazonaws.com/id/ABCDEF0123456789")]
    [InlineData("http://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789")]
    [InlineData("")]
    public void Other_issuers_are_not(string other) => Assert.False(Issuers.SameIssuer(other, Issuer));

    [Fact]
    public void A_spelling_already_normalized_is_given_back_as_it_is()
    {
        Assert.Same(Issuer, Issuers.Normalize(Issuer));
        Assert.Equal(Issuer, Issuers.Normalize("https://" + Issuer + "/"));
    }
}
