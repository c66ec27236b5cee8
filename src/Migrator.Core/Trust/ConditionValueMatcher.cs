using System.Globalization;
using System.Net;

namespace Migrator.Core.Trust;

/// <summary>
/// Whether one request value matches one policy value under an operator's (un-negated) comparison. Source: IAM user
/// guide, "IAM JSON policy elements: Condition operators" — String (exact, IgnoreCase, Like with * and ?), Numeric,
/// Date (ISO 8601 or epoch), Bool, BinaryEquals (base64), IpAddress (CIDR), Arn (each of the six ARN parts matched
/// separately, wildcards allowed in every part, for ArnEquals and ArnLike alike).
/// </summary>
public static class ConditionValueMatcher
{
    public static bool Matches(ConditionOperatorKind kind, string policyValue, string requestValue) => kind switch
    {
        ConditionOperatorKind.StringEquals or ConditionOperatorKind.StringNotEquals => policyValue == requestValue,
        ConditionOperatorKind.StringEqualsIgnoreCase or ConditionOperatorKind.StringNotEqualsIgnoreCase =>
            string.Equals(policyValue, requestValue, StringComparison.OrdinalIgnoreCase),
        ConditionOperatorKind.StringLike or ConditionOperatorKind.StringNotLike => WildcardPattern.IsMatch(policyValue, requestValue),
        ConditionOperatorKind.NumericEquals or ConditionOperatorKind.NumericNotEquals => Compare(Number(requestValue), Number(policyValue)) is 0,
        ConditionOperatorKind.NumericLessThan => Compare(Number(requestValue), Number(policyValue)) is < 0,
        ConditionOperatorKind.NumericLessThanEquals => Compare(Number(requestValue), Number(policyValue)) is <= 0,
        ConditionOperatorKind.NumericGreaterThan => Compare(Number(requestValue), Number(policyValue)) is > 0,
        ConditionOperatorKind.NumericGreaterThanEquals => Compare(Number(requestValue), Number(policyValue)) is >= 0,
        ConditionOperatorKind.DateEquals or ConditionOperatorKind.DateNotEquals => Compare(ParseDate(requestValue), ParseDate(policyValue)) is 0,
        ConditionOperatorKind.DateLessThan => Compare(ParseDate(requestValue), ParseDate(policyValue)) is < 0,
        ConditionOperatorKind.DateLessThanEquals => Compare(ParseDate(requestValue), ParseDate(policyValue)) is <= 0,
        ConditionOperatorKind.DateGreaterThan => Compare(ParseDate(requestValue), ParseDate(policyValue)) is > 0,
        ConditionOperatorKind.DateGreaterThanEquals => Compare(ParseDate(requestValue), ParseDate(policyValue)) is >= 0,
        ConditionOperatorKind.Bool => string.Equals(policyValue, requestValue, StringComparison.OrdinalIgnoreCase),
        ConditionOperatorKind.BinaryEquals => policyValue == requestValue,
        ConditionOperatorKind.IpAddress or ConditionOperatorKind.NotIpAddress => InRange(policyValue, requestValue),
        ConditionOperatorKind.ArnEquals or ConditionOperatorKind.ArnLike
            or ConditionOperatorKind.ArnNotEquals or ConditionOperatorKind.ArnNotLike => ArnMatches(policyValue, requestValue),
        _ => false,
    };

    public static DateTimeOffset? ParseDate(string value)
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            return DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(epoch, -62135596800L, 253402300799L));
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
    }

    private static decimal? Number(string value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Null when either side cannot be read: the comparison then does not match.</summary>
    private static int? Compare<T>(T? request, T? policy) where T : struct, IComparable<T> =>
        request is { } r && policy is { } p ? r.CompareTo(p) : null;

    private static bool InRange(string cidr, string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || !TryParseRange(cidr, out var network, out var prefix))
            return false;
        var a = network.GetAddressBytes();
        var b = ip.GetAddressBytes();
        if (a.Length != b.Length)
            return false;
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask))
                return false;
        }
        return true;
    }

    /// <summary>
    /// An address or CIDR range (RFC 4632/4291). Host bits may be set (203.0.113.5/24 means 203.0.113.0/24), as
    /// IAM accepts; a bare address is a /32 or /128.
    /// </summary>
    public static bool TryParseRange(string value, out IPAddress network, out int prefix)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? value : value[..slash];
        if (!IPAddress.TryParse(addressText, out network!) || addressText.Contains('%', StringComparison.Ordinal))
        {
            prefix = 0;
            return false;
        }
        var max = network.GetAddressBytes().Length * 8;
        if (slash < 0)
        {
            prefix = max;
            return true;
        }
        return int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= max;
    }

    private static bool ArnMatches(string pattern, string value)
    {
        var p = pattern.Split(':', 6);
        var v = value.Split(':', 6);
        if (p.Length < 6)
            return WildcardPattern.IsMatch(pattern, value);
        if (v.Length < 6)
            return false;
        for (var i = 0; i < 6; i++)
        {
            if (!WildcardPattern.IsMatch(p[i], v[i]))
                return false;
        }
        return true;
    }
}
