using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Migrator.Core.Text;

namespace Migrator.Sandbox;

/// <summary>
/// Checks a parsed estate document against the model's JSON contract before deserialising, so that every unknown
/// property, wrong type and bad enum value is reported (the serializer alone stops at the first).
/// </summary>
internal static class EstateShape
{
    public static void Check(JsonElement element, Type type, string path, string file, List<EstateError> errors)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (underlying is null && type.IsValueType)
                errors.Add(new EstateError(file, path, "null is not allowed here", $"give a {Describe(type)} or remove the property"));
            return;
        }
        type = underlying ?? type;

        if (type == typeof(string))
            Expect(element, JsonValueKind.String, "a string", path, file, errors);
        else if (type == typeof(bool))
        {
            if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                errors.Add(new EstateError(file, path, $"expected true or false, found {Found(element)}", "write true or false (without quotes)"));
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out _))
                errors.Add(new EstateError(file, path, $"expected a whole number, found {Found(element)}", "write a whole number without quotes"));
        }
        else if (type == typeof(double))
            Expect(element, JsonValueKind.Number, "a number", path, file, errors);
        else if (type == typeof(DateTimeOffset))
        {
            if (element.ValueKind != JsonValueKind.String || !element.TryGetDateTimeOffset(out _))
                errors.Add(new EstateError(file, path, $"expected an ISO 8601 timestamp, found {Found(element)}", "write a timestamp like \"2024-01-15T09:30:00Z\""));
        }
        else if (type.IsEnum)
            CheckEnum(element, type, path, file, errors);
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            CheckMap(element, type.GetGenericArguments()[1], path, file, errors);
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (!Expect(element, JsonValueKind.Array, "an array", path, file, errors))
                return;
            var i = 0;
            foreach (var item in element.EnumerateArray())
                Check(item, type.GetGenericArguments()[0], $"{path}[{i++}]", file, errors);
        }
        else
            CheckObject(element, type, path, file, errors);
    }

    /// <summary>The JSON values an enum accepts (kebab-case names).</summary>
    public static IReadOnlyList<string> EnumValues(Type enumType) =>
        Enum.GetNames(enumType).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)).ToList();

    private static void CheckObject(JsonElement element, Type type, string path, string file, List<EstateError> errors)
    {
        if (!Expect(element, JsonValueKind.Object, "an object", path, file, errors))
            return;
        var info = EstateJson.Options.GetTypeInfo(type);
        var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var childPath = $"{path}.{property.Name}";
            if (!properties.TryGetValue(property.Name, out var meta))
            {
                var closest = Closest(property.Name, properties.Keys);
                errors.Add(new EstateError(file, childPath, $"unknown property '{property.Name}'",
                    closest is null ? $"remove it; allowed here: {string.Join(", ", properties.Keys)}" : $"did you mean '{closest}'? Allowed here: {string.Join(", ", properties.Keys)}"));
                continue;
            }
            seen.Add(meta.Name);
            if (meta.Set is null && !IsPopulatedCollection(meta))
                continue;
            Check(property.Value, meta.PropertyType, childPath, file, errors);
        }
        foreach (var missing in info.Properties.Where(p => p.IsRequired && !seen.Contains(p.Name)))
            errors.Add(new EstateError(file, $"{path}.{missing.Name}", $"missing required property '{missing.Name}'", $"add \"{missing.Name}\": {Example(missing.PropertyType)}"));
    }

    private static bool IsPopulatedCollection(JsonPropertyInfo meta) => meta.PropertyType.IsGenericType;

    private static void CheckMap(JsonElement element, Type valueType, string path, string file, List<EstateError> errors)
    {
        if (!Expect(element, JsonValueKind.Object, "an object of name/value pairs", path, file, errors))
            return;
        foreach (var property in element.EnumerateObject())
        {
            var childPath = $"{path}['{property.Name}']";
            if (property.Name.Length == 0)
                errors.Add(new EstateError(file, childPath, "empty key", "give the key a name or remove the entry"));
            if (valueType == typeof(string) && property.Value.ValueKind != JsonValueKind.String)
                errors.Add(new EstateError(file, childPath, $"value must be a string, found {Found(property.Value)}",
                    $"quote the value: \"{property.Name}\": \"{Raw(property.Value)}\""));
            else if (valueType != typeof(string))
                Check(property.Value, valueType, childPath, file, errors);
        }
    }

    private static void CheckEnum(JsonElement element, Type type, string path, string file, List<EstateError> errors)
    {
        var allowed = EnumValues(type);
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new EstateError(file, path, $"expected one of {string.Join(", ", allowed)}, found {Found(element)}", $"write one of: {string.Join(", ", allowed.Select(a => $"\"{a}\""))}"));
            return;
        }
        var value = element.GetString()!;
        if (!allowed.Contains(value, StringComparer.Ordinal))
            errors.Add(new EstateError(file, path, $"'{value}' is not a valid {JsonNamingPolicy.CamelCase.ConvertName(type.Name)}",
                $"use one of: {string.Join(", ", allowed)}"));
    }

    private static bool Expect(JsonElement element, JsonValueKind kind, string what, string path, string file, List<EstateError> errors)
    {
        if (element.ValueKind == kind)
            return true;
        errors.Add(new EstateError(file, path, $"expected {what}, found {Found(element)}", $"write {what} here"));
        return false;
    }

    private static string Found(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Raw(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    private static string Describe(Type type) => type == typeof(string) ? "string" : type.IsEnum ? "value" : type.Name.ToLowerInvariant();

    private static string Example(Type type) =>
        type == typeof(string) ? "\"...\"" : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? "[...]" : type.IsEnum ? $"\"{EnumValues(type)[0]}\"" : "...";

    private static string? Closest(string name, IEnumerable<string> candidates)
    {
        var best = candidates.Select(c => (c, d: Levenshtein.Distance(name.ToLowerInvariant(), c.ToLowerInvariant()))).OrderBy(x => x.d).FirstOrDefault();
        return best.c is not null && best.d <= Math.Max(2, name.Length / 3) ? best.c : null;
    }
}
