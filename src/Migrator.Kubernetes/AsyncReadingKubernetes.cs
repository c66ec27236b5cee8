using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace Migrator.Kubernetes;

/// <summary>
/// KubernetesClient's client with one change: a response body is deserialized as it arrives
/// (<see cref="JsonSerializer.DeserializeAsync{TValue}(Stream, JsonSerializerOptions, CancellationToken)"/>) instead of
/// with the library's synchronous <see cref="KubernetesJson.Deserialize{TValue}(Stream, JsonSerializerOptions)"/>.
/// The synchronous read blocks a thread-pool thread for as long as a list page takes to arrive (over HTTP/2 it waits in
/// the stream's ReadData); eight clusters listing at once on a two-core machine starved the pool (a traced run of the
/// estate benchmark's small inventory showed stretches of up to 0.3 s in which almost no request started). Same
/// options as the library (<see cref="KubernetesJson.AddJsonOptions"/> hands over the instance it uses), so bodies map
/// exactly as before.
/// Watches keep the library's path (they are read line by line); the inventory does not watch.
/// </summary>
public sealed class AsyncReadingKubernetes(KubernetesClientConfiguration config, params DelegatingHandler[] handlers) : k8s.Kubernetes(config, handlers)
{
    private static readonly JsonSerializerOptions LibraryOptions = CaptureLibraryOptions();

    protected override async Task<HttpOperationResponse<T>> CreateResultAsync<T>(
        HttpRequestMessage httpRequest, HttpResponseMessage httpResponse, bool? watch, CancellationToken cancellationToken)
    {
        if (watch == true)
            return await base.CreateResultAsync<T>(httpRequest, httpResponse, watch, cancellationToken);

        ArgumentNullException.ThrowIfNull(httpRequest);
        ArgumentNullException.ThrowIfNull(httpResponse);
        var result = new HttpOperationResponse<T> { Request = httpRequest, Response = httpResponse };
        try
        {
            await using var stream = await httpResponse.Content.ReadAsStreamAsync(cancellationToken);
            // A body of JSON null stays null, as with the library's read.
            result.Body = (await JsonSerializer.DeserializeAsync<T>(stream, LibraryOptions, cancellationToken))!;
        }
        catch (JsonException)
        {
            // As the library does: the caller never sees a result to dispose.
            httpRequest.Dispose();
            httpResponse.Dispose();
            throw;
        }

        return result;
    }

    private static JsonSerializerOptions CaptureLibraryOptions()
    {
        JsonSerializerOptions? captured = null;
        KubernetesJson.AddJsonOptions(options => captured = options);
        return captured ?? throw new InvalidOperationException("KubernetesClient did not hand over its JSON options (KubernetesJson.AddJsonOptions).");
    }
}
