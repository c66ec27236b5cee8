using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Migrator.Configuration;

/// <summary>
/// What a configuration path may hold, read by reflection from the options class it binds to, the way the
/// configuration binder reads it: a single value (converted with the type's TypeConverter), a section of named
/// properties, a list (keys 0, 1, ...) or a dictionary (any key).
/// </summary>
public sealed class SettingsShape
{
    private static readonly Dictionary<Type, SettingsShape> Cache = [];
    private Dictionary<string, SettingsShape>? _properties;

    public Type Type { get; }
    public SettingsShapeKind Kind { get; }
    /// <summary>The shape of a list's items or a dictionary's values.</summary>
    public SettingsShape? Element { get; private set; }
    /// <summary>A dictionary's key type (string or an enum).</summary>
    public Type? KeyType { get; private set; }

    private SettingsShape(Type type, SettingsShapeKind kind)
    {
        Type = type;
        Kind = kind;
    }

    /// <summary>A section's properties by configuration key (case-insensitive, as the binder matches them).</summary>
    public IReadOnlyDictionary<string, SettingsShape> Properties => _properties ??= ReadProperties(Type);

    public static SettingsShape Of(Type type)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(type, out var known))
                return known;
        }
        var shape = Create(type);
        lock (Cache)
            Cache[type] = shape;
        return shape;
    }

    private static SettingsShape Create(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsSingleValue(underlying))
            return new SettingsShape(type, SettingsShapeKind.Value);
        if (DictionaryTypes(underlying) is var (key, value))
            return new SettingsShape(type, SettingsShapeKind.Dictionary) { Element = Of(value), KeyType = key };
        if (ElementType(underlying) is { } element)
            return new SettingsShape(type, SettingsShapeKind.List) { Element = Of(element) };
        return new SettingsShape(type, SettingsShapeKind.Section);
    }

    private static bool IsSingleValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(object)
        || (!typeof(IEnumerable).IsAssignableFrom(type) && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Length == 0
            && TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string)))
        || type == typeof(TimeSpan) || type == typeof(TimeOnly) || type == typeof(DateOnly) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri) || type == typeof(Version);

    private static (Type Key, Type Value)? DictionaryTypes(Type type)
    {
        foreach (var candidate in (Type[])[type, .. type.GetInterfaces()])
        {
            if (!candidate.IsGenericType) continue;
            var definition = candidate.GetGenericTypeDefinition();
            if (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>))
            {
                var args = candidate.GetGenericArguments();
                return (args[0], args[1]);
            }
        }
        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
            return type.GetElementType();
        foreach (var candidate in (Type[])[type, .. type.GetInterfaces()])
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                return candidate.GetGenericArguments()[0];
        }
        return null;
    }

    private static Dictionary<string, SettingsShape> ReadProperties(Type type)
    {
        var properties = new Dictionary<string, SettingsShape>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            var shape = Of(p.PropertyType);
            // The binder sets a property with a public setter (init included), or fills a get-only section or collection.
            var settable = p.SetMethod is { IsPublic: true };
            if (!settable && shape.Kind == SettingsShapeKind.Value) continue;
            var key = p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name;
            properties[key] = shape;
        }
        return properties;
    }
}

public enum SettingsShapeKind
{
    Value,
    Section,
    List,
    Dictionary,
}
