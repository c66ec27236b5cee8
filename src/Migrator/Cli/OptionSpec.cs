namespace Migrator.Cli;

/// <summary>One option a verb accepts. Flags take no value; repeatable options may be given several times.</summary>
public sealed record OptionSpec(string Name, string Help, bool IsFlag = false, bool Repeatable = false, bool Required = false, string? ValueName = null)
{
    public static OptionSpec Flag(string name, string help) => new(name, help, IsFlag: true);
    public static OptionSpec Value(string name, string valueName, string help, bool required = false) => new(name, help, ValueName: valueName, Required: required);
    public static OptionSpec Many(string name, string valueName, string help) => new(name, help, Repeatable: true, ValueName: valueName);
}
