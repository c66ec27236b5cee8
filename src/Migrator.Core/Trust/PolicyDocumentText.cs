namespace Migrator.Core.Trust;

/// <summary>
/// IAM GetRole returns AssumeRolePolicyDocument URL-encoded (RFC 3986, e.g. <c>%7B%22Version%22...</c>); the AWS
/// CLI decodes it with a plain unquote, which keeps '+' as it is. A document that does not start with a JSON value
/// but decodes to one is taken as encoded.
/// </summary>
public static class PolicyDocumentText
{
    public static string Decode(string document)
    {
        var trimmed = document.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is '{' or '[' or '"')
            return document;
        if (!trimmed.Contains('%', StringComparison.Ordinal))
            return document;
        try
        {
            var decoded = Uri.UnescapeDataString(document);
            return decoded.TrimStart().StartsWith('{') ? decoded : document;
        }
        catch (UriFormatException)
        {
            return document;
        }
    }
}
