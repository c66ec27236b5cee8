namespace Migrator.Core.Execution;

/// <summary>
/// A weekly window in UTC, e.g. Days ["Tuesday","Wednesday"], Start 09:00, End 11:00. End before Start wraps past
/// midnight (22:00-02:00); the day is the day the window opens.
/// </summary>
public sealed record ChangeWindow
{
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];
    public TimeOnly Start { get; init; }
    public TimeOnly End { get; init; }

    public bool IsOpen(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var time = TimeOnly.FromDateTime(utc);
        if (Start <= End)
            return Days.Contains(utc.DayOfWeek) && time >= Start && time < End;
        // Wrapping window: open from Start on its day until End the next day.
        return (Days.Contains(utc.DayOfWeek) && time >= Start)
            || (Days.Contains(utc.AddDays(-1).DayOfWeek) && time < End);
    }
}
