using Migrator.Reports;
using Migrator.Storage;

namespace Migrator.Application;

/// <summary>
/// Writes the migration report of a stored run from the recorded inventory, assessment, plan and journal; nothing is
/// read from the cloud. A run that cannot be reported (not stored, not assessed, state file or folder unusable) is a
/// <see cref="StageInputException"/> naming the fix.
/// </summary>
public sealed class ReportStage(ReportGenerator generator)
{
    public async Task<ReportOutcome> GenerateAsync(ReportRequest request, CancellationToken ct)
    {
        try
        {
            var prepared = await generator.PrepareAsync(request, ct);
            // What the model was built from is garbage, most of it in the oldest generation by now: the rendering
            // starts from the model alone.
            await StageBoundary.ReleaseMemoryAsync();
            return generator.Write(prepared, request);
        }
        catch (Exception e) when (e is ReportInputException or StorageException or DirectoryNotFoundException)
        {
            throw new StageInputException(e.Message, e);
        }
    }
}
