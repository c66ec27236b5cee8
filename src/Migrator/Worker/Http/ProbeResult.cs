using System.Text.Json;

namespace Migrator.Worker.Http;

/// <summary>A probe's answer: ok (200) or not (503), with each check's finding.</summary>
public sealed record ProbeResult(bool Ok, IReadOnlyDictionary<string, string> Checks)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Status => Ok ? "ok" : "failing";
}
