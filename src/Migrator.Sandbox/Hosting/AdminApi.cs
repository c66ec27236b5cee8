using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Migrator.Sandbox;

/// <summary>
/// The admin endpoint (own port): GET /admin/counters (calls per service and operation, and mutations applied), POST
/// /admin/counters/reset, GET /admin/state (the live estate as an estate file), GET /admin/endpoints, POST
/// /admin/change-set[?revert=true] (a change-set's change.json applied, or reverted, as its owner would:
/// <see cref="OwnerChangeApplier"/>), POST /admin/hold?after=N, POST /admin/release and GET /admin/hold (every API call
/// held once N more mutations took effect: <see cref="MutationHold"/>).
/// </summary>
internal static class AdminApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Map(IEndpointRouteBuilder routes, SandboxContext context)
    {
        routes.MapGet("/admin/counters", () => Results.Json(context.Counters.Snapshot(), Json));
        routes.MapPost("/admin/counters/reset", () =>
        {
            context.Counters.Reset();
            return Results.NoContent();
        });
        routes.MapPost("/admin/hold", (HttpRequest request) =>
        {
            var after = request.Query["after"].ToString();
            if (!long.TryParse(after.Length == 0 ? "0" : after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                return Results.BadRequest(new { error = $"after must be a whole number of applied mutations (0 or more), not '{after}'" });
            context.Counters.Hold.Arm(n);
            return Results.Json(HoldView(), Json);
        });
        routes.MapPost("/admin/release", () =>
        {
            context.Counters.Hold.Release();
            return Results.Json(HoldView(), Json);
        });
        routes.MapGet("/admin/hold", () => Results.Json(HoldView(), Json));
        routes.MapGet("/admin/state", () => Results.Text(context.State.ToJson(), "application/json"));
        routes.MapGet("/admin/endpoints", () => Results.Json(context.Endpoints, Json));
        routes.MapPost("/admin/change-set", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            try
            {
                var change = Core.Ownership.ChangeSets.OwnerChange.Parse(body);
                var revert = string.Equals(request.Query["revert"], "true", StringComparison.OrdinalIgnoreCase);
                var done = context.State.Write(estate => OwnerChangeApplier.Apply(estate, change, revert, context.Time.GetUtcNow()));
                return Results.Text(done + "\n");
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });

        object HoldView() => new { holding = context.Counters.Hold.Holding, appliedSinceArmed = context.Counters.Hold.AppliedSinceArmed };
    }
}
