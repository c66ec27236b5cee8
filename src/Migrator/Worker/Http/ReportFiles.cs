using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Migrator.Worker.Http;

/// <summary>
/// GET /reports/ (the file names, newest first) and /reports/NAME (one file) from the reports folder, read-only: only
/// plain file names directly in the folder (no path, no dot first), so nothing outside it can be reached.
/// </summary>
public sealed partial class ReportFiles(string folder)
{
    private static readonly FileExtensionContentTypeProvider Types = new();
    private readonly string _folder = Path.GetFullPath(folder);

    public Task ListAsync(HttpContext context)
    {
        var names = Directory.Exists(_folder)
            ? new DirectoryInfo(_folder).GetFiles().Where(f => SafeName().IsMatch(f.Name)).OrderByDescending(f => f.LastWriteTimeUtc).Select(f => f.Name).ToList()
            : [];
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { files = names }, ProbeResult.Json), context.RequestAborted);
    }

    public async Task ServeAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string ?? "";
        var path = Path.Combine(_folder, name);
        if (!SafeName().IsMatch(name) || !File.Exists(path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"no report '{name}' in {_folder}: GET /reports/ lists them (the worker writes latest.* after each scheduled inventory).\n", context.RequestAborted);
            return;
        }
        context.Response.ContentType = Types.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        if (type is not null && type.StartsWith("text/", StringComparison.Ordinal))
            context.Response.ContentType = $"{type}; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.SendFileAsync(path, context.RequestAborted);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")]
    private static partial Regex SafeName();
}
