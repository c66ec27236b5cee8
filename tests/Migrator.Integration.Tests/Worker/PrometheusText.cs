using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Migrator.Integration.Tests.Worker;

/// <summary>One sample line: metric name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var v) ? v : "";
}

/// <summary>One metric family: its # TYPE, # HELP and samples.</summary>
public sealed record PrometheusFamily(string Name, string Type, string? Help, IReadOnlyList<PrometheusSample> Samples);

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4: every line is a # HELP, # TYPE, comment, blank line
/// or a well-formed sample (metric and label names by the format's grammar, quoted label values with only \\, \" and
/// \n escapes, a float value, an optional integer timestamp); a family's # TYPE comes once and before its samples, its
/// samples are contiguous, sample names fit the type (_bucket/_sum/_count for histograms, le on every bucket, ending
/// with +Inf and counting up), no series repeats, and the text ends with a newline. Any breach throws FormatException
/// naming the line.
/// </summary>
public static partial class PrometheusText
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        if (text.Length == 0 || text[^1] != '\n')
            throw new FormatException("the exposition does not end with a newline");
        var families = new Dictionary<string, (string Type, string? Help, List<PrometheusSample> Samples)>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text[..^1].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"line {i + 1} '{line}'";
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[0] == "#" && parts[1] is "TYPE" or "HELP")
                {
                    var name = parts[2];
                    if (!MetricName().IsMatch(name)) throw new FormatException($"{where}: bad metric name");
                    if (parts[1] == "TYPE")
                    {
                        if (parts.Length != 4 || !Types.Contains(parts[3])) throw new FormatException($"{where}: bad type");
                        if (families.TryGetValue(name, out var f) && (f.Type != "" || f.Samples.Count > 0))
                            throw new FormatException($"{where}: TYPE given twice or after samples");
                        families[name] = (parts[3], f.Help, f.Samples ?? []);
                    }
                    else
                    {
                        var help = parts.Length == 4 ? parts[3] : "";
                        if (families.TryGetValue(name, out var f) && f.Help is not null) throw new FormatException($"{where}: HELP given twice");
                        families[name] = (f.Type ?? "", help, f.Samples ?? []);
                    }
                    Switch(name, where);
                }
                continue;
            }

            var sample = ParseSample(line, where);
            var family = FamilyOf(sample.Name, families);
            Switch(family, where);
            if (!families.TryGetValue(family, out var fam)) fam = ("untyped", null, []);
            if (fam.Type == "") fam = ("untyped", fam.Help, fam.Samples);
            CheckSuffix(fam.Type, family, sample, where);
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
            if (!series.Add(key)) throw new FormatException($"{where}: series {key} repeated");
            fam.Samples.Add(sample);
            families[family] = fam;
        }

        var result = families.ToDictionary(kv => kv.Key, kv => new PrometheusFamily(kv.Key, kv.Value.Type == "" ? "untyped" : kv.Value.Type, kv.Value.Help, kv.Value.Samples), StringComparer.Ordinal);
        foreach (var f in result.Values.Where(f => f.Type == "histogram"))
            CheckHistogram(f);
        return result;

        void Switch(string name, string where)
        {
            if (current == name) return;
            if (finished.Contains(name)) throw new FormatException($"{where}: family {name} continues after another family began");
            if (current is not null) finished.Add(current);
            current = name;
        }
    }

    private static string FamilyOf(string sampleName, Dictionary<string, (string Type, string? Help, List<PrometheusSample> Samples)> families)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = sampleName[..^suffix.Length];
                if (families.TryGetValue(stem, out var f) && f.Type is "histogram" or "summary") return stem;
            }
        }
        return sampleName;
    }

    private static void CheckSuffix(string type, string family, PrometheusSample sample, string where)
    {
        var suffix = sample.Name[family.Length..];
        var allowed = type switch
        {
            "histogram" => suffix is "_bucket" or "_sum" or "_count",
            "summary" => suffix is "" or "_sum" or "_count",
            _ => suffix == "",
        };
        if (!allowed) throw new FormatException($"{where}: sample {sample.Name} does not fit a {type} named {family}");
        if (type == "histogram" && suffix == "_bucket" && !sample.Labels.ContainsKey("le")) throw new FormatException($"{where}: bucket without le");
        if (type == "counter" && (sample.Value < 0 || double.IsNaN(sample.Value))) throw new FormatException($"{where}: a counter below 0");
    }

    private static void CheckHistogram(PrometheusFamily f)
    {
        foreach (var group in f.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))))
        {
            var buckets = group.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();
            if (buckets.Count == 0 || buckets[^1].Label("le") != "+Inf") throw new FormatException($"{f.Name}{{{group.Key}}}: the last bucket is not le=\"+Inf\"");
            for (var i = 1; i < buckets.Count; i++)
            {
                if (ParseValue(buckets[i].Label("le")) <= ParseValue(buckets[i - 1].Label("le")) || buckets[i].Value < buckets[i - 1].Value)
                    throw new FormatException($"{f.Name}{{{group.Key}}}: buckets are not ascending and cumulative");
            }
            var count = group.SingleOrDefault(s => s.Name.EndsWith("_count", StringComparison.Ordinal))
                ?? throw new FormatException($"{f.Name}{{{group.Key}}}: no _count");
            if (count.Value != buckets[^1].Value) throw new FormatException($"{f.Name}{{{group.Key}}}: _count is not the +Inf bucket");
            if (!group.Any(s => s.Name.EndsWith("_sum", StringComparison.Ordinal))) throw new FormatException($"{f.Name}{{{group.Key}}}: no _sum");
        }
    }

    private static PrometheusSample ParseSample(string line, string where)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ') i++;
        var name = line[..i];
        if (!MetricName().IsMatch(name)) throw new FormatException($"{where}: bad metric name");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i >= line.Length) throw new FormatException($"{where}: unterminated label set");
                if (line[i] == '}') { i++; break; }
                var start = i;
                while (i < line.Length && line[i] != '=') i++;
                var labelName = line[start..i];
                if (!LabelName().IsMatch(labelName)) throw new FormatException($"{where}: bad label name '{labelName}'");
                if (labels.ContainsKey(labelName)) throw new FormatException($"{where}: label {labelName} repeated");
                i++;
                if (i >= line.Length || line[i] != '"') throw new FormatException($"{where}: label value not quoted");
                i++;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length) throw new FormatException($"{where}: unterminated label value");
                    var c = line[i++];
                    if (c == '"') break;
                    if (c == '\\')
                    {
                        if (i >= line.Length) throw new FormatException($"{where}: dangling escape");
                        var e = line[i++];
                        value.Append(e switch { '\\' => '\\', '"' => '"', 'n' => '\n', _ => throw new FormatException($"{where}: bad escape \\{e}") });
                    }
                    else value.Append(c);
                }
                labels[labelName] = value.ToString();
                if (i < line.Length && line[i] == ',') i++;
                else if (i >= line.Length || line[i] != '}') throw new FormatException($"{where}: expected ',' or '}}' after a label");
            }
        }
        if (i >= line.Length || line[i] != ' ') throw new FormatException($"{where}: no value");
        var rest = line[(i + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2) throw new FormatException($"{where}: expected a value and at most a timestamp");
        var sampleValue = ParseValue(rest[0], where);
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) throw new FormatException($"{where}: bad timestamp");
        return new PrometheusSample(name, labels, sampleValue);
    }

    private static double ParseValue(string text, string where = "") => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{where}: bad value '{text}'"),
    };
}
