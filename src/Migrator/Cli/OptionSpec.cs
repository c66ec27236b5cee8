namespace Migrator.Cli;

/// <summary>
/// One option a verb accepts, typed: System.CommandLine parses it as <see cref="ValueType"/> (a flag is a bool) and
/// refuses a value of another type with exit 2. Flags take no value; repeatable options may be given several times.
/// </summary>
public sealed record OptionSpec(string Name, string Help, bool IsFlag = false, bool Repeatable = false, bool Required = false, string? ValueName = null)
{
    /// <summary>The type System.CommandLine parses the value as: string, int or long.</summary>
    public Type ValueType { get; init; } = typeof(string);

    public static OptionSpec Flag(string name, string help) => new(name, help, IsFlag: true) { ValueType = typeof(bool) };
    public static OptionSpec Value(string name, string valueName, string help, bool required = false) => new(name, help, ValueName: valueName, Required: required);
    public static OptionSpec Many(string name, string valueName, string help) => new(name, help, Repeatable: true, ValueName: valueName);
    /// <summary>A whole number (int): counts, sizes, ports, a phase number.</summary>
    public static OptionSpec Number(string name, string valueName, string help, bool required = false) =>
        new(name, help, ValueName: valueName, Required: required) { ValueType = typeof(int) };
    /// <summary>A stored run id (long).</summary>
    public static OptionSpec RunId(string name, string valueName, string help) => new(name, help, ValueName: valueName) { ValueType = typeof(long) };
}
