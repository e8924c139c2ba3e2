using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AutoMode.Kubernetes.Http;

/// <summary>
/// The only retry layer for Kubernetes API calls: 429 (honouring Retry-After), 500/502/503/504 and connection failures
/// are retried with jittered exponential backoff. Watch requests pass straight through: a long-lived stream is
/// re-established by the informer from its last resourceVersion, never replayed here.
/// </summary>
public sealed class RetryHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage>? _pipeline;
    private readonly ILogger _logger;

    public RetryHandler(RetryHandlerOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null, Func<double>? randomizer = null)
    {
        var settings = options ?? new RetryHandlerOptions();
        var clock = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        if (settings.MaxAttempts <= 1)
        {
            return;
        }

        var retry = new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = settings.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.BaseDelay,
            MaxDelay = settings.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutRejectedException } => true,
                { Result: { } response } => IsTransient(response.StatusCode),
                _ => false,
            }),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, clock, settings.MaxRetryAfter)),
            OnRetry = args =>
            {
                // One line with the cause; the stack only at Debug (a server that is down would otherwise flood the log).
                _logger.LogWarning(
                    "Kubernetes API call failed with {Status}; retry {Attempt} in {Delay}",
                    args.Outcome.Result?.StatusCode.ToString() ?? (args.Outcome.Exception is { } error ? FailureCause.Describe(error) : "no response"),
                    args.AttemptNumber + 1,
                    FailureCause.Delay(args.RetryDelay));
                if (args.Outcome.Exception is { } failure)
                {
                    _logger.LogDebug(failure, "Kubernetes API call failed");
                }

                args.Outcome.Result?.Dispose();
                return default;
            },
        };
        if (randomizer is not null)
        {
            retry.Randomizer = randomizer;
        }

        // The timeout is inside the retry: it bounds each attempt, and an abandoned attempt is retried like a failed one.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }.AddRetry(retry);
        if (settings.AttemptTimeout > TimeSpan.Zero)
        {
            builder.AddTimeout(settings.AttemptTimeout);
        }

        _pipeline = builder.Build();
    }

    internal static bool IsWatch(Uri? uri)
    {
        var query = uri?.Query;
        if (string.IsNullOrEmpty(query))
        {
            return false;
        }

        foreach (var part in query.TrimStart('?').Split('&'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0
                && part.AsSpan(0, eq).Equals("watch", StringComparison.OrdinalIgnoreCase)
                && (part.AsSpan(eq + 1).Equals("true", StringComparison.OrdinalIgnoreCase) || part.AsSpan(eq + 1).SequenceEqual("1")))
            {
                return true;
            }
        }

        return false;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_pipeline is null || IsWatch(request.RequestUri))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (request.Content is not null)
        {
            // A second attempt must send the same bytes; buffering makes any content re-readable.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        return await _pipeline.ExecuteAsync(
            static async (state, ct) => await state.Handler.SendOnceAsync(state.Request, ct),
            (Handler: this, Request: request),
            cancellationToken);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout;

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        var delay = header.Delta ?? (header.Date is { } date ? date - clock.GetUtcNow() : (TimeSpan?)null);
        if (delay is null)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > cap ? cap : delay;
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
