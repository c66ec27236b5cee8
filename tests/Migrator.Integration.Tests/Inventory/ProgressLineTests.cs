using Migrator.Core.Inventory.Collection;
using Migrator.Verbs.Inventory;

namespace Migrator.Integration.Tests.Inventory;

public sealed class ProgressLineTests
{
    [Fact]
    public void On_a_terminal_one_status_line_is_rewritten_in_place()
    {
        using var w = new StringWriter();
        var line = new ProgressLine(w, interactive: true);

        line.Report(new InventoryProgress("collecting clusters", 10, 12, 1234, 0));
        line.Report(new InventoryProgress("done", 12, 12, 99, 1));
        line.Complete();

        var text = w.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("\rcollecting clusters: clusters 10/12, API calls 1234, errors 0\rdone: clusters 12/12, API calls 99, errors 1", text, StringComparison.Ordinal);
        // The shorter second status is padded so nothing of the first one shows behind it.
        Assert.EndsWith("      \n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_output_gets_plain_lines_only_when_something_worth_showing_changes()
    {
        using var w = new StringWriter();
        var line = new ProgressLine(w, interactive: false);

        line.Report(new InventoryProgress("collecting clusters", 0, 2, 5, 0));
        line.Report(new InventoryProgress("collecting clusters", 0, 2, 9, 0));
        line.Report(new InventoryProgress("collecting clusters", 1, 2, 20, 0, "a/us-east-1/one done"));
        line.Report(new InventoryProgress("collecting clusters", 1, 2, 25, 1, "cluster a/us-east-1/two: ListPods failed"));
        line.Complete();

        Assert.Equal(
            [
                "collecting clusters: clusters 0/2, API calls 5, errors 0",
                "collecting clusters: clusters 1/2, API calls 20, errors 0 (a/us-east-1/one done)",
                "collecting clusters: clusters 1/2, API calls 25, errors 1 (cluster a/us-east-1/two: ListPods failed)",
            ],
            w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain('\r', w.ToString().ReplaceLineEndings("\n"));
    }
}
