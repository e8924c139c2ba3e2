using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AutoMode.Aws;

/// <summary>
/// Signs, sends and classifies AWS requests for one service, and is the ONE place AWS calls are retried: a Polly
/// pipeline with jittered exponential backoff for throttling, 5xx and connection failures. Logs operation, status,
/// error code and request id only — never headers, bodies or credentials.
/// </summary>
internal sealed partial class AwsRequestExecutor
{
    private readonly HttpClient httpClient;
    private readonly IAwsCredentialsSource credentials;
    private readonly AwsServiceEndpoint endpoint;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly AwsApiMetrics metrics;
    private readonly Func<HttpResponseMessage, string, AwsWireError> parseError;
    private readonly ResiliencePipeline pipeline;

    public AwsRequestExecutor(
        HttpClient httpClient,
        IAwsCredentialsSource credentials,
        AwsServiceEndpoint endpoint,
        AwsOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        AwsApiMetrics metrics,
        Func<HttpResponseMessage, string, AwsWireError> parseError)
    {
        this.httpClient = httpClient;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.metrics = metrics;
        this.parseError = parseError;
        pipeline = BuildPipeline(options, timeProvider, logger, endpoint.SigningName);
    }

    public string Service => endpoint.SigningName;

    public AwsPartition Partition => endpoint.Partition;

    public async Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var attempt = 0;
        return await pipeline.ExecuteAsync(
            async ct => await SendOnceAsync(request, ++attempt, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    internal static ResiliencePipeline BuildPipeline(AwsOptions options, TimeProvider timeProvider, ILogger logger, string service)
    {
        if (options.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AwsServiceException>(e => e.IsRetryable),
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is AwsServiceException e)
                    {
                        LogRetry(logger, service, e.Details.Action, e.ErrorCode, args.AttemptNumber + 1, args.RetryDelay);
                    }

                    return default;
                },
            })
            .Build();
    }

    private async Task<AwsResponse> SendOnceAsync(AwsRequest request, int attempt, CancellationToken cancellationToken)
    {
        var creds = await credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        using var message = new HttpRequestMessage(request.Method, Combine(endpoint.Url, request.PathAndQuery));
        if (!request.Body.IsEmpty || request.ContentType is not null)
        {
            message.Content = new ReadOnlyMemoryContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(endpoint.SigningName == "iam" ? "text/xml" : "application/json"));
        SigV4Signer.Sign(message, request.Body.Span, creds, endpoint.SigningRegion, endpoint.SigningName, timeProvider.GetUtcNow());

        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Transport(request, attempt, "ConnectionFailure", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Transport(request, attempt, "RequestTimeout", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var headerRequestId = RequestIdFromHeaders(response);
            if (response.IsSuccessStatusCode)
            {
                metrics.RecordCall(Service, request.Operation, "success");
                LogAttempt(logger, Service, request.Operation, attempt, (int)response.StatusCode, "-", headerRequestId);
                return new AwsResponse(response.StatusCode, body, headerRequestId);
            }

            var wire = parseError(response, body);
            var kind = AwsErrorClassifier.Classify(wire.ErrorCode, response.StatusCode);
            var details = new AwsErrorDetails(kind, Service, wire.ErrorCode, request.Action, request.Resource,
                response.StatusCode, wire.Message, wire.RequestId ?? headerRequestId);
            metrics.RecordCall(Service, request.Operation, ResultTag(kind));
            LogAttempt(logger, Service, request.Operation, attempt, (int)response.StatusCode, wire.ErrorCode, details.RequestId);
            throw AwsServiceException.Create(details);
        }
    }

    private AwsServiceException Transport(AwsRequest request, int attempt, string code, Exception inner)
    {
        metrics.RecordCall(Service, request.Operation, ResultTag(AwsErrorKind.ServiceFailure));
        LogAttempt(logger, Service, request.Operation, attempt, 0, code, null);
        var details = new AwsErrorDetails(AwsErrorKind.ServiceFailure, Service, code, request.Action, request.Resource, null, null);
        return AwsServiceException.Create(details, inner);
    }

    private static Uri Combine(Uri baseUrl, string pathAndQuery)
    {
        var prefix = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(prefix + pathAndQuery, UriKind.Absolute);
    }

    private static string? RequestIdFromHeaders(HttpResponseMessage response)
    {
        foreach (var name in new[] { "x-amzn-RequestId", "x-amz-request-id" })
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }

    private static string ResultTag(AwsErrorKind kind) => kind switch
    {
        AwsErrorKind.NotFound => "not_found",
        AwsErrorKind.AccessDenied => "access_denied",
        AwsErrorKind.InvalidCredentials => "invalid_credentials",
        AwsErrorKind.Throttling => "throttling",
        AwsErrorKind.MalformedPolicyDocument => "malformed_policy_document",
        AwsErrorKind.LimitExceeded => "limit_exceeded",
        AwsErrorKind.UnmodifiableEntity => "unmodifiable_entity",
        AwsErrorKind.InvalidInput => "invalid_input",
        AwsErrorKind.Conflict => "conflict",
        AwsErrorKind.ServiceFailure => "service_failure",
        AwsErrorKind.EndpointNotFound => "endpoint_not_found",
        _ => "error",
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "AWS {Service} {Operation} attempt {Attempt}: HTTP {StatusCode} {ErrorCode} request id {RequestId}")]
    private static partial void LogAttempt(ILogger logger, string service, string operation, int attempt, int statusCode, string errorCode, string? requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS {Service} {Action} failed with {ErrorCode}; retry {Retry} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string service, string action, string errorCode, int retry, TimeSpan delay);
}
