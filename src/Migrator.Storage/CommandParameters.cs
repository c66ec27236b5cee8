using System.Data;
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

    /// <summary>
    /// A statement run once per row in <paramref name="tx"/>: its parameters (one per placeholder in
    /// <paramref name="names"/>, typed where <paramref name="types"/> gives one) are made once, and only their values
    /// change from row to row.
    /// </summary>
    public static DbCommand PerRow(this DbConnection connection, DbTransaction tx, string sql, IReadOnlyList<string> names, IReadOnlyList<DbType>? types = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < names.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = names[i];
            if (types is not null)
                parameter.DbType = types[i];
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
