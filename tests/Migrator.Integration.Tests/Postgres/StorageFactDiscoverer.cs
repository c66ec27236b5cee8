using Xunit.Abstractions;
using Xunit.Sdk;

namespace Migrator.Integration.Tests.Postgres;

/// <summary>Discovers <see cref="StorageFactAttribute"/> tests; the PostgreSQL ones carry the skip reason of <see cref="TestPostgres"/>.</summary>
public sealed class StorageFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var postgres = typeof(IPostgresVariant).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType())
            || factAttribute.GetCustomAttributes(typeof(PostgresFactAttribute)).Any()
            || testMethod.Method.GetCustomAttributes(typeof(PostgresFactAttribute)).Any();
        yield return postgres
            ? new PostgresTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)
            : new XunitTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

/// <summary>A test case needing PostgreSQL: skipped with the reason while none is configured (read when it runs, not when discovered).</summary>
public sealed class PostgresTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public PostgresTestCase() { }

    public PostgresTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnostics, display, displayOptions, testMethod) { }

    protected override string? GetSkipReason(IAttributeInfo factAttribute) => TestPostgres.SkipReason ?? base.GetSkipReason(factAttribute);
}
