using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Migrator.Configuration;

/// <summary>
/// Checks every key of every configuration source against the options classes before anything binds them: an unknown
/// section or key (with "did you mean"), a value where a section is expected or the reverse, and every value the
/// binder could not convert (or would silently drop from a list, as it does with Days ["Funday"]).
/// </summary>
public static class ConfigurationCheck
{
    private const int ShownValueLength = 80;

    public static IReadOnlyList<ConfigurationProblem> Check(IEnumerable<IConfigurationProvider> providers)
    {
        var problems = new List<ConfigurationProblem>();
        foreach (var provider in providers)
        {
            foreach (var (key, value) in Leaves(provider))
            {
                var problem = CheckKey(key, value, provider);
                if (problem is not null)
                    problems.Add(problem);
            }
        }
        return problems;
    }

    /// <summary>Every key of one provider with its value (null for a section or an empty list/object).</summary>
    private static IEnumerable<(string Key, string? Value)> Leaves(IConfigurationProvider provider)
    {
        var pending = new Stack<string?>();
        pending.Push(null);
        while (pending.Count > 0)
        {
            var parent = pending.Pop();
            var children = provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (parent is not null && (children.Count == 0 || provider.TryGet(parent, out _)))
            {
                provider.TryGet(parent, out var value);
                yield return (parent, value);
            }
            foreach (var child in children.AsEnumerable().Reverse())
                pending.Push(parent is null ? child : parent + ":" + child);
        }
    }

    private static ConfigurationProblem? CheckKey(string key, string? value, IConfigurationProvider provider)
    {
        var segments = key.Split(':');
        var source = SourceOf(provider, key, value);
        if (!ConfigurationSections.All.TryGetValue(segments[0], out var sectionType))
            return new(key, source, Unknown($"section '{segments[0]}'", segments[0], ConfigurationSections.All.Keys, "Known sections"));
        var shape = SettingsShape.Of(sectionType);
        var path = segments[0];
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            switch (shape.Kind)
            {
                case SettingsShapeKind.Value:
                    return new(key, source, $"{path} is a single value ({Expected(shape.Type)}), not a section; remove ':{string.Join(':', segments[i..])}'.");
                case SettingsShapeKind.List:
                    if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                        return new(key, source, $"{path} is a list; its items are numbered 0, 1, ... (got '{segment}'). In JSON write it as [ ... ].");
                    shape = shape.Element!;
                    break;
                case SettingsShapeKind.Dictionary:
                    if (shape.KeyType is { IsEnum: true } keyType && !Converts(keyType, segment))
                        return new(key, source, $"'{segment}' is not a key {path} takes: {Expected(keyType)}.");
                    shape = shape.Element!;
                    break;
                default:
                    if (!shape.Properties.TryGetValue(segment, out var property))
                        return new(key, source, Unknown($"key '{segment}' in {path}", segment, shape.Properties.Keys, $"Keys of {path}"));
                    shape = property;
                    break;
            }
            path += ":" + segment;
        }
        if (value is null)
            return null;
        if (shape.Kind != SettingsShapeKind.Value)
        {
            return value.Length == 0
                ? null
                : new(key, source, $"= '{Shown(value)}', but {key} is {(shape.Kind == SettingsShapeKind.List ? "a list [ ... ]" : "a section { ... }")}, not a single value.");
        }
        return Converts(shape.Type, value)
            ? null
            : new(key, source, $"= '{Shown(value)}' is not valid: expected {Expected(shape.Type)}.");
    }

    private static string Unknown(string what, string attempted, IEnumerable<string> known, string listTitle)
    {
        var names = known.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var near = NearestName.For(attempted, names);
        var hint = near is null ? "." : $"; did you mean '{near}'?";
        return $"unknown {what}{hint} Migrator does not read it, so it would be ignored. {listTitle}: {string.Join(", ", names)}.";
    }

    /// <summary>What the configuration binder does with a single value: null binds nothing, else the type's converter.</summary>
    private static bool Converts(Type type, string value)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            if (value.Length == 0) return true;
            type = underlying;
        }
        if (type == typeof(string) || type == typeof(object))
            return true;
        try
        {
            var converted = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            // EnumConverter takes numbers outside the enum ("7" for a DayOfWeek): the binder would store a day that is none.
            return !type.IsEnum || (converted is not null && Enum.IsDefined(type, converted));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException or InvalidCastException)
        {
            return false;
        }
    }

    public static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
            return "one of " + string.Join(", ", Enum.GetNames(type));
        return type switch
        {
            _ when type == typeof(int) => "a whole number from -2147483648 to 2147483647",
            _ when type == typeof(long) => "a whole number",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number, e.g. 0.25",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(TimeSpan) => "a duration [d.]hh:mm:ss, e.g. 00:00:30 or 7.00:00:00 for 7 days",
            _ when type == typeof(TimeOnly) => "a time of day hh:mm from 00:00 to 23:59, e.g. 09:00",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time, e.g. 2026-01-31T09:00:00Z",
            _ when type == typeof(Uri) => "a URI, e.g. https://example.com",
            _ => $"a {type.Name}",
        };
    }

    private static string Shown(string value)
    {
        var visible = string.Concat(value.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format
            ? $"\\u{(int)c:X4}" : c.ToString()));
        return visible.Length <= ShownValueLength ? visible : visible[..ShownValueLength] + $"... ({value.Length} characters)";
    }

    private static string SourceOf(IConfigurationProvider provider, string key, string? value) => provider switch
    {
        JsonConfigurationProvider json => json.Source.FileProvider?.GetFileInfo(json.Source.Path ?? "").PhysicalPath ?? json.Source.Path ?? "a JSON file",
        EnvironmentVariablesConfigurationProvider => $"environment variable MIGRATOR_{key.Replace(":", "__", StringComparison.Ordinal)}",
        _ => $"command line --{key}{(value is null ? "" : "=" + Shown(value))}",
    };
}
