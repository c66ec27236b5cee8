using Xunit.Sdk;

namespace Migrator.Integration.Tests.Postgres;

/// <summary>
/// A fact that runs against a storage provider: in a class marked <see cref="IPostgresVariant"/> (or as
/// <see cref="PostgresFactAttribute"/>) it needs PostgreSQL and is skipped with a visible reason where none is
/// configured (<see cref="TestPostgres.SkipReason"/>); elsewhere it is a plain fact.
/// </summary>
[XunitTestCaseDiscoverer("Migrator.Integration.Tests.Postgres.StorageFactDiscoverer", "Migrator.Integration.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public class StorageFactAttribute : FactAttribute;

/// <summary>A fact that always runs on PostgreSQL.</summary>
[XunitTestCaseDiscoverer("Migrator.Integration.Tests.Postgres.StorageFactDiscoverer", "Migrator.Integration.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : StorageFactAttribute;

/// <summary>Marks the PostgreSQL variant of a storage test class.</summary>
public interface IPostgresVariant;
