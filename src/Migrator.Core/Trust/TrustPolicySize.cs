namespace Migrator.Core.Trust;

/// <summary>
/// The size IAM compares with the role trust policy quota (2,048 characters by default, raisable; IAM user guide,
/// "IAM and AWS STS quotas": "IAM doesn't count white space when calculating the size of a policy").
/// Counting rule here: characters (UTF-16 code units) of the decoded JSON, leaving out whitespace between tokens;
/// whitespace inside string values is counted. That never counts less than IAM does, so a document that passes
/// this check is not rejected by IAM for its size.
/// </summary>
public static class TrustPolicySize
{
    public const int DefaultLimit = 2048;

    public static int Count(string document)
    {
        var text = PolicyDocumentText.Decode(document);
        var count = 0;
        var inString = false;
        var escaped = false;
        foreach (var c in text)
        {
            if (inString)
            {
                count++;
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            if (c is ' ' or '\t' or '\r' or '\n')
                continue;
            if (c == '"')
                inString = true;
            count++;
        }
        return count;
    }
}
