using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Migrator.Kubernetes;

namespace Migrator.Sandbox.Tests.Kubernetes;

/// <summary>
/// The Kubernetes resilience pipeline's policy, request by request: what is retried, how long it waits and how many
/// requests are in flight. (Against the sandbox API server: KubernetesAdapterTests.Retries_throttled_calls_after_retry_after.)
/// </summary>
public sealed class KubernetesResilienceTests
{
    [Fact]
    public async Task Retry_after_is_honoured_and_capped_and_backoff_doubles_without_it()
    {
        var time = new RecordedWaits();
        var server = new ScriptedServer(
            Answer(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3)),
            Answer(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(90)),
            Answer(HttpStatusCode.TooManyRequests, null),
            Answer(HttpStatusCode.TooManyRequests, null),
            Answer(HttpStatusCode.OK, null));
        using var client = Client(server, new KubernetesOptions { MaxRetries = 5, MaxRetryDelay = TimeSpan.FromSeconds(30) }, time);

        using var response = await client.GetAsync(new Uri("http://cluster.test/api/v1/serviceaccounts"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1600)], time.Waits);
    }

    [Fact]
    public async Task Gives_up_after_max_retries_and_leaves_other_errors_alone()
    {
        var throttled = new ScriptedServer(Enumerable.Range(0, 10).Select(_ => Answer(HttpStatusCode.TooManyRequests, TimeSpan.Zero)).ToArray());
        using (var client = Client(throttled, new KubernetesOptions { MaxRetries = 2 }, new RecordedWaits()))
        {
            using var response = await client.GetAsync(new Uri("http://cluster.test/api/v1/pods"));
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
        Assert.Equal(3, throttled.Requests);

        // A 503 without Retry-After is the server's trouble, not fairness: the caller sees it at once, as before.
        var unavailable = new ScriptedServer(Answer(HttpStatusCode.ServiceUnavailable, null), Answer(HttpStatusCode.OK, null));
        using (var client = Client(unavailable, new KubernetesOptions { MaxRetries = 2 }, new RecordedWaits()))
        {
            using var response = await client.GetAsync(new Uri("http://cluster.test/api/v1/pods"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
        Assert.Equal(1, unavailable.Requests);
    }

    [Fact]
    public async Task At_most_the_configured_requests_are_in_flight()
    {
        var server = new ScriptedServer(Enumerable.Range(0, 12).Select(_ => Answer(HttpStatusCode.OK, null)).ToArray()) { Hold = true };
        using var client = Client(server, new KubernetesOptions { Concurrency = 3 }, new RecordedWaits());

        var calls = Enumerable.Range(0, 12).Select(_ => client.GetAsync(new Uri("http://cluster.test/api/v1/nodes"))).ToList();
        await server.InFlightReached(3);
        server.Release();
        foreach (var response in await Task.WhenAll(calls))
            response.Dispose();

        Assert.Equal(3, server.MaxInFlight);
    }

    private static HttpClient Client(ScriptedServer server, KubernetesOptions options, TimeProvider time) =>
        new(new ResilienceHandler(KubernetesResilience.Build(options, time)) { InnerHandler = server });

    private static Func<HttpResponseMessage> Answer(HttpStatusCode status, TimeSpan? retryAfter) => () =>
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } delay)
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        return response;
    };

    /// <summary>Answers from a script, counting requests and those in flight; with <see cref="Hold"/> they wait for <see cref="Release"/>.</summary>
    private sealed class ScriptedServer(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _gate = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
        private int _inFlight;

        public bool Hold { get; init; }
        public int Requests { get; private set; }
        public int MaxInFlight { get; private set; }

        public void Release() => _release.TrySetResult();

        public Task InFlightReached(int count)
        {
            lock (_gate)
            {
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_inFlight >= count) reached.SetResult();
                else _waiters.Add((count, reached));
                return reached.Task;
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Func<HttpResponseMessage> answer;
            lock (_gate)
            {
                answer = answers[Requests++];
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
                foreach (var w in _waiters.Where(w => _inFlight >= w.Count).ToList())
                {
                    w.Reached.SetResult();
                    _waiters.Remove(w);
                }
            }
            if (Hold)
                await _release.Task.WaitAsync(cancellationToken);
            lock (_gate)
                _inFlight--;
            return answer();
        }
    }

    /// <summary>Records every wait the pipeline asks for and lets it pass at once.</summary>
    private sealed class RecordedWaits : TimeProvider
    {
        public List<TimeSpan> Waits { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                lock (Waits)
                    Waits.Add(dueTime);
                dueTime = TimeSpan.Zero;
            }
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}
