using System.Buffers;
using System.Text;
using System.Text.Json;
using Dapper;
using Migrator.Core.Execution;
using Migrator.Core.Planning;
using Migrator.Core.Ports;

namespace Migrator.Storage.Execution;

/// <summary>
/// Plans as JSON (<see cref="PlanJson"/>) with their approvals: a header row, one row per phase (migration 004), and
/// the header's excluded bindings and planned roles in bounded rows of their own (migration 013), so no single JSON
/// document holds a 100,000-step plan or the exclusions and trust policies of 189,000 bindings, and progress reads only
/// step ids. Plans saved in format 1 (one document) and 2 (the whole header in one row) still load.
/// </summary>
public sealed class SqlitePlanStore(IStateDatabase connections) : IPlanStore
{
    private const int PhaseRows = 2;
    private const int HeaderParts = 3;
    private const char StepIdSeparator = '\n';
    private const string ExcludedPart = "excluded";
    private const string RolesPart = "roles";

    /// <summary>Items per header-part row at most (exclusions: about 30 KB of JSON).</summary>
    public const int ItemsPerPart = 100;

    /// <summary>
    /// UTF-8 bytes of JSON after which a header-part row is closed (before <see cref="ItemsPerPart"/> items): a row's
    /// text then stays below the large object heap's 85,000 bytes as a string. A hundred planned roles with their trust
    /// policies made rows of 150 KB and more, each a large string and a large buffer until the next full collection.
    /// </summary>
    public const int PartBytes = 32 * 1024;

    public Task SaveAsync(MigrationPlan plan, CancellationToken ct) => SaveAsync(PlanDraft.Of(plan), ct);

    public async Task SaveAsync(PlanDraft plan, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO plans (plan_id, run_id, created_at, phase_count, plan_json, format) VALUES (@PlanId, @RunId, @CreatedAt, @PhaseCount, @Json, @Format);",
            new
            {
                PlanId = plan.Id, plan.Header.RunId, CreatedAt = StorageFormat.Time(plan.Header.CreatedAt), plan.PhaseCount,
                Json = UnpooledJson.Serialize(plan.Header with { Excluded = [], Roles = [] }, PlanJson.Compact), Format = HeaderParts,
            },
            tx, cancellationToken: ct));
        await SavePartAsync(connection, tx, plan.Id, ExcludedPart, plan.Header.Excluded, ct);
        await SavePartAsync(connection, tx, plan.Id, RolesPart, plan.Header.Roles, ct);
        foreach (var phase in plan.Phases())
        {
            if (phase.Steps.Any(s => s.Id.Contains(StepIdSeparator, StringComparison.Ordinal)))
                throw new StorageException($"plan {plan.Id} phase {phase.Number} has a step id with a line break; step ids are built from keys and ARNs and cannot hold one.");
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO plan_phases (plan_id, number, kind, title, step_count, step_ids, phase_json)
                VALUES (@PlanId, @Number, @Kind, @Title, @StepCount, @StepIds, @Json);
                """,
                new
                {
                    PlanId = plan.Id, phase.Number, Kind = phase.Kind.ToString(), phase.Title, StepCount = phase.Steps.Count,
                    StepIds = string.Join(StepIdSeparator, phase.Steps.Select(s => s.Id)), Json = JsonSerializer.Serialize(phase, PlanJson.Compact),
                },
                tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
    }

    private static async Task SavePartAsync<T>(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string planId, string part,
        IReadOnlyList<T> items, CancellationToken ct)
    {
        // Items are written one at a time into one reused buffer; a row is closed at PartBytes or ItemsPerPart.
        var buffer = new ArrayBufferWriter<byte>(2 * PartBytes);
        await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PlanJson.Compact.Encoder, Indented = false });
        var (seq, count) = (0, 0);
        foreach (var item in items)
        {
            if (count == 0)
                writer.WriteStartArray();
            JsonSerializer.Serialize(writer, item, PlanJson.Compact);
            if (++count == ItemsPerPart || writer.BytesPending + writer.BytesCommitted >= PartBytes)
                await RowAsync();
        }
        if (count > 0)
            await RowAsync();

        async Task RowAsync()
        {
            writer.WriteEndArray();
            writer.Flush();
            var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            count = 0;
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO plan_header_parts (plan_id, part, seq, items) VALUES (@PlanId, @Part, @Seq, @Items);",
                new { PlanId = planId, Part = part, Seq = seq++, Items = json },
                tx, cancellationToken: ct));
        }
    }

    /// <summary>A part's items, row after row in order.</summary>
    private async Task<List<T>> LoadPartAsync<T>(System.Data.Common.DbConnection connection, string planId, string part, CancellationToken ct)
    {
        var items = new List<T>();
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT items FROM plan_header_parts WHERE plan_id = @PlanId AND part = @Part ORDER BY seq;", new { PlanId = planId, Part = part }, cancellationToken: ct));
        foreach (var json in rows)
            items.AddRange(JsonSerializer.Deserialize<List<T>>(json, PlanJson.Compact)
                ?? throw new StorageException($"plan {planId} has an empty {part} row in {connections.Description}."));
        return items;
    }

    public async Task<MigrationPlan?> LoadAsync(string? planId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var header = await connection.QuerySingleOrDefaultAsync<PlanRow>(new CommandDefinition(
            planId is null
                ? "SELECT plan_id, run_id, created_at, phase_count, plan_json, format FROM plans ORDER BY created_at DESC, rowid DESC LIMIT 1;"
                : "SELECT plan_id, run_id, created_at, phase_count, plan_json, format FROM plans WHERE plan_id = @PlanId;",
            new { PlanId = planId }, cancellationToken: ct));
        if (header is null) return null;
        var plan = PlanJson.Deserialize(header.PlanJson);
        if (header.Format is not (PhaseRows or HeaderParts)) return plan;
        if (header.Format == HeaderParts)
        {
            plan = plan with
            {
                Excluded = await LoadPartAsync<ExcludedBinding>(connection, header.PlanId, ExcludedPart, ct),
                Roles = await LoadPartAsync<PlannedRole>(connection, header.PlanId, RolesPart, ct),
            };
        }
        var phases = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT phase_json FROM plan_phases WHERE plan_id = @PlanId ORDER BY number;", new { header.PlanId }, cancellationToken: ct));
        return plan with
        {
            Phases = phases.Select(json => JsonSerializer.Deserialize<Phase>(json, PlanJson.Compact)
                ?? throw new StorageException($"plan {header.PlanId} has an empty phase row in {connections.Description}.")).ToList(),
        };
    }

    public Task<PlanOutline?> LoadOutlineAsync(string planId, CancellationToken ct) => OutlineAsync(planId, withStepIds: true, ct);

    public Task<PlanOutline?> LoadPhasesAsync(string planId, CancellationToken ct) => OutlineAsync(planId, withStepIds: false, ct);

    /// <summary>The phase rows without their JSON; the step ids only when asked for (a plan in format 1 is read whole).</summary>
    private async Task<PlanOutline?> OutlineAsync(string planId, bool withStepIds, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var header = await connection.QuerySingleOrDefaultAsync<PlanRow>(new CommandDefinition(
            "SELECT plan_id, run_id, created_at, phase_count, format, CASE WHEN format = 1 THEN plan_json ELSE '' END AS plan_json FROM plans WHERE plan_id = @PlanId;",
            new { PlanId = planId }, cancellationToken: ct));
        if (header is null) return null;
        if (header.Format is not (PhaseRows or HeaderParts)) return PlanOutline.Of(PlanJson.Deserialize(header.PlanJson));
        var phases = await connection.QueryAsync<PhaseRow>(new CommandDefinition(
            withStepIds
                ? "SELECT number, kind, title, step_count, step_ids FROM plan_phases WHERE plan_id = @PlanId ORDER BY number;"
                : "SELECT number, kind, title, step_count FROM plan_phases WHERE plan_id = @PlanId ORDER BY number;",
            new { PlanId = planId }, cancellationToken: ct));
        return new PlanOutline(header.PlanId, header.RunId, StorageFormat.ParseTime(header.CreatedAt), phases.Select(p => new PhaseOutline(
            (int)p.Number, StorageFormat.Enum<PhaseKind>(p.Kind), p.Title,
            p.StepIds.Length == 0 ? [] : p.StepIds.Split(StepIdSeparator)) { StepCount = (int)p.StepCount }).ToList());
    }

    /// <summary>
    /// The bindings of each phase row, read past the steps (most of a phase's JSON) without building them; a plan
    /// stored in format 1 (one document) is loaded whole.
    /// </summary>
    public async Task<IReadOnlyList<PlannedBinding>?> LoadPlannedBindingsAsync(string planId, CancellationToken ct)
    {
        long format;
        var bindings = new List<PlannedBinding>();
        await using (var connection = await connections.OpenAsync(ct))
        {
            var header = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                "SELECT format FROM plans WHERE plan_id = @PlanId;", new { PlanId = planId }, cancellationToken: ct));
            if (header is null) return null;
            format = header.Value;
            if (format is PhaseRows or HeaderParts)
            {
                var phases = await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT phase_json FROM plan_phases WHERE plan_id = @PlanId ORDER BY number;", new { PlanId = planId }, cancellationToken: ct));
                foreach (var json in phases)
                    bindings.AddRange(PhaseBindings(json, planId));
            }
        }
        return format is PhaseRows or HeaderParts ? bindings : (await LoadAsync(planId, ct))?.Phases.SelectMany(p => p.Bindings).ToList();
    }

    private List<PlannedBinding> PhaseBindings(string json, string planId)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new StorageException($"plan {planId} has a phase row that is not a JSON object in {connections.Description}.");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isBindings = reader.ValueTextEquals("bindings"u8);
            reader.Read();
            if (isBindings)
                return JsonSerializer.Deserialize<List<PlannedBinding>>(ref reader, PlanJson.Compact) ?? [];
            reader.Skip();
        }
        return [];
    }

    public async Task<IReadOnlyList<PlanSummary>> ListAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<PlanRow>(new CommandDefinition(
            "SELECT plan_id, run_id, created_at, phase_count FROM plans ORDER BY created_at DESC, rowid DESC;", cancellationToken: ct));
        return rows.Select(r => new PlanSummary(r.PlanId, r.RunId, StorageFormat.ParseTime(r.CreatedAt), (int)r.PhaseCount)).ToList();
    }

    public async Task ApproveAsync(PhaseApproval approval, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            // The first approval stands; approving again with other forced-direct owners or bindings records that decision.
            """
            INSERT INTO plan_approvals (plan_id, phase, approved_by, approved_at, force_direct) VALUES (@PlanId, @Phase, @ApprovedBy, @ApprovedAt, @ForceDirect)
            ON CONFLICT (plan_id, phase) DO UPDATE SET approved_by = excluded.approved_by, approved_at = excluded.approved_at, force_direct = excluded.force_direct
            WHERE excluded.force_direct <> plan_approvals.force_direct;
            """,
            new { approval.PlanId, approval.Phase, approval.ApprovedBy, ApprovedAt = StorageFormat.Time(approval.ApprovedAt), ForceDirect = StorageFormat.ToJson(approval.ForcedDirect) }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<PhaseApproval>> GetApprovalsAsync(string planId, CancellationToken ct)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<ApprovalRow>(new CommandDefinition(
            "SELECT plan_id, phase, approved_by, approved_at, force_direct FROM plan_approvals WHERE plan_id = @PlanId ORDER BY phase;",
            new { PlanId = planId }, cancellationToken: ct));
        return rows.Select(r => new PhaseApproval(r.PlanId, (int)r.Phase, r.ApprovedBy, StorageFormat.ParseTime(r.ApprovedAt), StorageFormat.List(r.ForceDirect))).ToList();
    }

    private sealed class PlanRow
    {
        public string PlanId { get; set; } = "";
        public long RunId { get; set; }
        public string CreatedAt { get; set; } = "";
        public long PhaseCount { get; set; }
        public string PlanJson { get; set; } = "";
        public long Format { get; set; }
    }

    private sealed class PhaseRow
    {
        public long Number { get; set; }
        public string Kind { get; set; } = "";
        public string Title { get; set; } = "";
        public string StepIds { get; set; } = "";
        public long StepCount { get; set; }
    }

    private sealed class ApprovalRow
    {
        public string PlanId { get; set; } = "";
        public long Phase { get; set; }
        public string ApprovedBy { get; set; } = "";
        public string ApprovedAt { get; set; } = "";
        public string ForceDirect { get; set; } = "[]";
    }
}
