using System.Net;
using System.Text;
using k8s;
using k8s.Models;
using Migrator.Kubernetes;

namespace Migrator.Sandbox.Tests.Kubernetes;

/// <summary>
/// The Kubernetes client reads list pages as they arrive, never blocking a thread on the network (the library's own
/// read is synchronous), and maps them exactly as the library does.
/// </summary>
public sealed class AsyncReadingKubernetesTests
{
    private static readonly KubernetesClientConfiguration Config = new() { Host = "http://cluster.test/" };

    private const string PodPage = """
        {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"next-page"},
         "items":[{"metadata":{"name":"web-1","namespace":"shop","creationTimestamp":"2026-11-30T08:15:00Z",
                               "labels":{"app":"web"},"annotations":{"note":"x"},
                               "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d8f","uid":"u-1","controller":true}]},
                  "spec":{"serviceAccountName":"web","nodeName":"ip-10-0-1-1","hostNetwork":false,
                          "containers":[{"name":"app","image":"web:1","resources":{"requests":{"cpu":"250m","memory":"64Mi"}},
                                         "ports":[{"containerPort":8080}],
                                         "env":[{"name":"AWS_ROLE_ARN","value":"arn:aws:iam::111111111111:role/web"}],
                                         "livenessProbe":{"httpGet":{"path":"/","port":"http"}}}]},
                  "status":{"phase":"Running","startTime":"2026-11-30T08:15:03Z"}}]}
        """;

    [Fact]
    public async Task A_list_page_is_read_asynchronously_where_the_librarys_client_would_block_on_it()
    {
        using var client = new AsyncReadingKubernetes(Config, new Answer(PodPage, asyncOnly: true));

        var page = await client.CoreV1.ListPodForAllNamespacesAsync(limit: 1);

        Assert.Equal("next-page", page.Metadata.ContinueProperty);
        var pod = Assert.Single(page.Items);
        Assert.Equal(("shop", "web-1", "web"), (pod.Metadata.NamespaceProperty, pod.Metadata.Name, pod.Spec.ServiceAccountName));

        // The library's client reads the same body with a synchronous read: on a network stream that blocks a pool thread.
        using var library = new k8s.Kubernetes(Config, new Answer(PodPage, asyncOnly: true));
        var blocked = await Assert.ThrowsAsync<InvalidOperationException>(() => library.CoreV1.ListPodForAllNamespacesAsync(limit: 1));
        Assert.Contains("synchronous read", blocked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_maps_to_the_same_objects_as_the_librarys_own_read()
    {
        using var client = new AsyncReadingKubernetes(Config, new Answer(PodPage, asyncOnly: true));
        using var library = new k8s.Kubernetes(Config, new Answer(PodPage, asyncOnly: false));

        var ours = await client.CoreV1.ListPodForAllNamespacesAsync(limit: 1);
        var theirs = await library.CoreV1.ListPodForAllNamespacesAsync(limit: 1);

        Assert.Equal(KubernetesJson.Serialize(theirs), KubernetesJson.Serialize(ours));
        Assert.Equal(new ResourceQuantity("250m"), ours.Items[0].Spec.Containers[0].Resources.Requests["cpu"]);
        Assert.Equal(new DateTime(2026, 11, 30, 8, 15, 0, DateTimeKind.Utc), ours.Items[0].Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task A_body_that_is_not_json_fails_with_the_librarys_error()
    {
        using var client = new AsyncReadingKubernetes(Config, new Answer("<html>gateway</html>", asyncOnly: true));

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => client.CoreV1.ListPodForAllNamespacesAsync(limit: 1));
    }

    /// <summary>Answers every request with <c>body</c>; asyncOnly: a stream that refuses synchronous reads, as a test of who blocks.</summary>
    private sealed class Answer(string body, bool asyncOnly) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            HttpContent content = asyncOnly ? new StreamContent(new AsyncOnlyStream(bytes)) : new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>A body that arrives a few bytes at a time and can only be awaited.</summary>
    private sealed class AsyncOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw Blocking();
        public override int Read(Span<byte> buffer) => throw Blocking();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return _inner.Read(buffer.Span[..Math.Min(buffer.Length, 64)]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static InvalidOperationException Blocking() => new("synchronous read of a body still arriving: it blocks the calling thread until the network delivers");
    }
}
