namespace AutoMode.Benchmarks;

/// <summary>One row of the results table; <paramref name="Met"/> is null for figures without a target.</summary>
internal sealed record ReportRow(string Metric, string Value, string Target = "", bool? Met = null)
{
    public string Result => Met switch
    {
        true => "met",
        false => "**not met**",
        null => "",
    };
}
