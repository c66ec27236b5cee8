using System.Data.Common;

namespace Migrator.Storage;

/// <summary>Parameters of a command read with its own reader (one row at a time), the same on SQLite and PostgreSQL.</summary>
internal static class CommandParameters
{
    /// <summary>Binds <paramref name="value"/> to the placeholder @<paramref name="name"/>.</summary>
    public static void AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
