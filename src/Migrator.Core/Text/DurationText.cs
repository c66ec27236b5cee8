using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace Migrator.Core.Text;

/// <summary>
/// Durations in every output, one way each: text for people as "7d", "1d12h", "90s" (units d, h, m, s, largest first,
/// zero parts left out), JSON for machines as ISO-8601 ("P7D", "PT1.25S"). Configuration keeps .NET's "7.00:00:00".
/// </summary>
public static class DurationText
{
    /// <summary>"7d", "1d12h", "45m", "1.25s", "0s".</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
            return "-" + Format(value.Duration());
        if (value == TimeSpan.Zero)
            return "0s";
        var sb = new StringBuilder();
        if (value.Days > 0) sb.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append('d');
        if (value.Hours > 0) sb.Append(value.Hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (value.Minutes > 0) sb.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        var seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        if (seconds > 0) sb.Append(Math.Round(seconds, 3).ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return sb.ToString();
    }

    /// <summary>ISO-8601 duration: "P7D", "PT12H", "PT1.25S".</summary>
    public static string Iso(TimeSpan value) => XmlConvert.ToString(value);
}

/// <summary>
/// Writes TimeSpan as ISO-8601 (<see cref="DurationText.Iso"/>); reads ISO-8601 and .NET's constant format
/// ("7.00:00:00"), so JSON stored before durations were ISO still reads.
/// </summary>
public sealed class IsoDurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("a duration must be a string (ISO-8601, e.g. \"P7D\").");
        try
        {
            return text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal)
                ? XmlConvert.ToTimeSpan(text)
                : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (FormatException e)
        {
            throw new JsonException($"'{text}' is not a duration (ISO-8601, e.g. \"P7D\").", e);
        }
        catch (OverflowException e)
        {
            throw new JsonException($"'{text}' is not a duration (ISO-8601, e.g. \"P7D\").", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteStringValue(DurationText.Iso(value));
}
