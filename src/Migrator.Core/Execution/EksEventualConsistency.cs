namespace Migrator.Core.Execution;

/// <summary>
/// The retry for EKS eventual consistency: List and Describe of Pod Identity associations lag a create by seconds
/// (DOMAIN.md), so a read that does not show an association created at <c>since</c> is doubt, not absence, until
/// <see cref="ExecutionSettings.ConsistencyWindow"/> has passed since then. Within it the read is repeated every
/// <see cref="ExecutionSettings.ConsistencyPollInterval"/>.
/// </summary>
internal static class EksEventualConsistency
{
    /// <summary>The first non-null answer of <paramref name="read"/>, or null once the window since <paramref name="since"/> has passed without one.</summary>
    public static async Task<T?> UntilVisibleAsync<T>(ExecutionScope s, DateTimeOffset since, string what, Func<CancellationToken, Task<T?>> read, CancellationToken ct)
        where T : class
    {
        var settled = since + s.Settings.ConsistencyWindow;
        for (var attempt = 1; ; attempt++)
        {
            if (await read(ct) is { } found)
                return found;
            if (s.Now >= settled)
                return null;
            if (attempt == 1)
                s.Observer.OnMessage($"EKS eventual consistency: {what} not visible yet; polling until {settled:u}");
            await s.DelayAsync(s.Settings.ConsistencyPollInterval, ct);
        }
    }
}
