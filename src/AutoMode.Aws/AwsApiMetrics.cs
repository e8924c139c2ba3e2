using System.Diagnostics.Metrics;

namespace AutoMode.Aws;

/// <summary>
/// <c>automode_aws_api_calls_total{service,operation,result}</c> on the operator's meter; one increment per HTTP
/// attempt (so retries are visible), <c>result</c> = <c>success</c> or the error kind (<c>throttling</c>, ...).
/// </summary>
public sealed class AwsApiMetrics : IDisposable
{
    public const string MeterName = "automode-operator";
    public const string CallsCounterName = "automode_aws_api_calls_total";

    private readonly bool ownsMeter;
    private readonly Counter<long> calls;

    public AwsApiMetrics(IMeterFactory? meterFactory = null)
    {
        ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        calls = Meter.CreateCounter<long>(CallsCounterName, unit: "{call}", description: "AWS API calls (HTTP attempts) by service, operation and result.");
    }

    public Meter Meter { get; }

    public void Dispose()
    {
        if (ownsMeter)
        {
            Meter.Dispose();
        }
    }

    internal void RecordCall(string service, string operation, string result) =>
        calls.Add(1,
            new KeyValuePair<string, object?>("service", service),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("result", result));
}
