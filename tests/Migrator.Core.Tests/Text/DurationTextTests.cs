using System.Text.Json;
using Migrator.Core.Planning;
using Migrator.Core.Text;

namespace Migrator.Core.Tests.Text;

public class DurationTextTests
{
    [Theory]
    [InlineData("7.00:00:00", "7d", "P7D")]
    [InlineData("1.12:00:00", "1d12h", "P1DT12H")]
    [InlineData("00:45:00", "45m", "PT45M")]
    [InlineData("00:00:01.250", "1.25s", "PT1.25S")]
    [InlineData("00:00:00", "0s", "PT0S")]
    [InlineData("02:00:30", "2h30s", "PT2H30S")]
    public void Durations_read_as_7d_for_people_and_iso_8601_for_machines(string value, string text, string iso)
    {
        var span = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(text, DurationText.Format(span));
        Assert.Equal(iso, DurationText.Iso(span));
    }

    [Fact]
    public void Plan_json_writes_the_soak_as_iso_8601_and_still_reads_plans_stored_with_the_old_format()
    {
        var json = JsonSerializer.Serialize(new PlanningSettings { SoakPeriod = TimeSpan.FromDays(3) }, PlanJson.Options);
        Assert.Contains("\"soakPeriod\": \"P3D\"", json, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(3), JsonSerializer.Deserialize<PlanningSettings>(json, PlanJson.Options)!.SoakPeriod);
        var old = json.Replace("\"P3D\"", "\"3.00:00:00\"", StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(3), JsonSerializer.Deserialize<PlanningSettings>(old, PlanJson.Options)!.SoakPeriod);
    }
}
