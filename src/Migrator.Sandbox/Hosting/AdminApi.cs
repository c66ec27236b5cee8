using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Migrator.Sandbox;

/// <summary>
/// The admin endpoint (own port): GET /admin/counters (calls per service and operation), POST /admin/counters/reset,
/// GET /admin/state (the live estate as an estate file), GET /admin/endpoints.
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
        routes.MapGet("/admin/state", () => Results.Text(context.State.ToJson(), "application/json"));
        routes.MapGet("/admin/endpoints", () => Results.Json(context.Endpoints, Json));
    }
}
