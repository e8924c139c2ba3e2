using System.Net;
using System.Net.Http.Headers;
using AutoMode.Kubernetes.Http;
using AutoMode.Kubernetes.Tests.Support;

namespace AutoMode.Kubernetes.Tests.Http;

public sealed class RetryHandlerTests
{
    private const string Url = "https://kube.test/apis/automode.io/v1alpha1/workloadclasses/a";

    public static TheoryData<HttpStatusCode, string> NotRetried => new()
    {
        { HttpStatusCode.NotFound, "absent is an answer, not a failure" },
        { HttpStatusCode.Conflict, "a conflict needs a fresh read, which the reconcile does" },
        { HttpStatusCode.UnprocessableEntity, "an invalid object stays invalid" },
        { HttpStatusCode.BadRequest, "a malformed request stays malformed" },
        { HttpStatusCode.Forbidden, "RBAC does not change between attempts" },
    };

    [Fact]
    public async Task TooManyRequests_WaitsExactlyRetryAfterSeconds_ThenRetries()
    {
        var time = new TimerTrackingTimeProvider();
        var stub = new StubHandler(_ => TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))), _ => Ok());
        using var client = Client(stub, time);

        var send = client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url), CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(7), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, stub.Calls);
        time.Advance(TimeSpan.FromMilliseconds(1));

        using var response = await send.WithTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task AttemptThatNeverAnswers_IsAbandonedAfterTheAttemptTimeout_AndRetried()
    {
        var time = new TimerTrackingTimeProvider();
        var hanging = new HangingOnceHandler();
        using var client = new HttpMessageInvoker(new RetryHandler(
            new RetryHandlerOptions { AttemptTimeout = TimeSpan.FromSeconds(30), BaseDelay = TimeSpan.FromSeconds(1) }, time, randomizer: () => 0.5)
        { InnerHandler = hanging });

        var send = client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url), CancellationToken.None);
        await hanging.FirstCallStarted.WithTimeout();
        time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.False(hanging.FirstCancelled);
        Assert.False(send.IsCompleted);

        // The attempt times out; the retry follows after its backoff (about a second, on the same clock).
        time.Advance(TimeSpan.FromMilliseconds(1));
        for (var ticks = 0; ticks < 100 && !send.IsCompleted; ticks++)
        {
            // Paces the fake clock through the backoff; the retry's own timers are Polly's business.
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        using var response = await send.WithTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, hanging.Calls);
        Assert.True(hanging.FirstCancelled);
    }

    [Fact]
    public async Task TooManyRequests_RetryAfterAsHttpDate_WaitsUntilThatDate()
    {
        var time = new TimerTrackingTimeProvider();
        var stub = new StubHandler(_ => TooManyRequests(new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(12))), _ => Ok());
        using var client = Client(stub, time);

        var send = client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url), CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(12), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromSeconds(12));

        using var response = await send.WithTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TooManyRequests_HugeRetryAfter_IsCapped()
    {
        var time = new TimerTrackingTimeProvider();
        var stub = new StubHandler(_ => TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromHours(2))), _ => Ok());
        using var client = Client(stub, time, new RetryHandlerOptions { MaxRetryAfter = TimeSpan.FromSeconds(30) });

        var send = client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url), CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(30), await time.NextTimerAsync());
        time.Advance(TimeSpan.FromSeconds(30));

        using var response = await send.WithTimeout();
        Assert.Equal(2, stub.Calls);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task ServerError_RetriedWithBackoff_ThenSucceeds(HttpStatusCode status)
    {
        var time = new TimerTrackingTimeProvider();
        var stub = new StubHandler(_ => new HttpResponseMessage(status), _ => Ok());
        using var client = Client(stub, time);

        var send = client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url), CancellationToken.None);
        var delay = await time.NextTimerAsync();
        Assert.InRange(delay, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10));
        time.Advance(delay);

        using var response = await send.WithTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task ConnectionFailure_IsRetried()
    {
        var time = new TimerTrackingTimeProvider();
        var stub = new StubHandler(_ => throw new HttpRequestException("connection refused"), _ => Ok());
        using var client = Client(stub, time);

        var send = client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url), CancellationToken.None);
        time.Advance(await time.NextTimerAsync());

        using var response = await send.WithTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PersistentServerError_GivesUpAfterMaxAttempts_AndReturnsLastResponse()
    {
        var time = new TimerTrackingTimeProvider();
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        using var client = Client(stub, time, new RetryHandlerOptions { MaxAttempts = 4 });

        var send = client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url), CancellationToken.None);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var delay = await time.NextTimerAsync();
            delays.Add(delay);
            time.Advance(delay);
        }

        using var response = await send.WithTimeout();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(4, stub.Calls);
        Assert.True(delays[2] > delays[0], $"backoff should grow: {string.Join(", ", delays)}");
    }

    [Theory]
    [MemberData(nameof(NotRetried))]
    public async Task ClientError_IsNotRetried(HttpStatusCode status, string reason)
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(status), _ => Ok());
        using var client = Client(stub, new TimerTrackingTimeProvider());

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url), CancellationToken.None).WithTimeout();

        Assert.True(status == response.StatusCode, reason);
        Assert.True(stub.Calls == 1, reason);
    }

    [Theory]
    [InlineData("?watch=true&resourceVersion=5")]
    [InlineData("?allowWatchBookmarks=true&watch=1")]
    [InlineData("?resourceVersion=5&watch=True")]
    public async Task WatchRequest_IsNeverRetried(string query)
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), _ => Ok());
        using var client = Client(stub, new TimerTrackingTimeProvider());

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url + query), CancellationToken.None).WithTimeout();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task RetriedRequest_SendsTheSameBodyAgain()
    {
        var time = new TimerTrackingTimeProvider();
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError), _ => Ok());
        using var client = Client(stub, time);
        using var request = new HttpRequestMessage(HttpMethod.Patch, Url)
        {
            Content = new StreamContent(new ForwardOnlyStream("{\"spec\":{}}"u8.ToArray())),
        };

        var send = client.SendAsync(request, CancellationToken.None);
        time.Advance(await time.NextTimerAsync());
        using var response = await send.WithTimeout();

        Assert.Equal(new[] { "{\"spec\":{}}", "{\"spec\":{}}" }, stub.Bodies.Select(b => b ?? "<none>"));
    }

    // Without the attempt timeout, whose timer would come first in the timer assertions (it has its own test).
    private static HttpMessageInvoker Client(StubHandler stub, TimeProvider time, RetryHandlerOptions? options = null) =>
        new(new RetryHandler((options ?? new RetryHandlerOptions()) with { AttemptTimeout = TimeSpan.Zero }, time, randomizer: () => 0.5) { InnerHandler = stub });

    private static HttpResponseMessage Ok() => new(HttpStatusCode.OK);

    private static HttpResponseMessage TooManyRequests(RetryConditionHeaderValue retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    /// <summary>A body that can be read once, like a network stream: only buffering makes a retry possible.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>The first call waits until it is cancelled (a server that never answers); later calls answer 200.</summary>
    private sealed class HangingOnceHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public bool FirstCancelled { get; private set; }

        public Task FirstCallStarted => _started.Task;

        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) > 1)
            {
                return new HttpResponseMessage(HttpStatusCode.OK);
            }

            _started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                FirstCancelled = true;
                throw;
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
