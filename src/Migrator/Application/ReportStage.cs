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
            var reads = await generator.ReadAsync(request, ct);
            // What the reads made on their way (rows, texts) is garbage, much of it in the oldest generation by now: the
            // model is built from the records alone.
            await StageBoundary.ReleaseMemoryAsync();
            var prepared = await generator.BuildAsync(reads, ct);
            reads = null!;
            // What the model was built from is garbage too: the rendering starts from the model alone.
            await StageBoundary.ReleaseMemoryAsync();
            return generator.Write(prepared, request);
        }
        catch (Exception e) when (e is ReportInputException or StorageException or DirectoryNotFoundException)
        {
            throw new StageInputException(e.Message, e);
        }
    }
}
