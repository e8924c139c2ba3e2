namespace AutoMode.Operator.Hosting;

/// <summary>
/// The console logger of `run`: JSON (default) or one plain line per entry, both with UTC timestamps in RFC 3339
/// with milliseconds (without one, lines from several replicas or from before a restart cannot be put in order).
/// </summary>
internal static class LoggingSetup
{
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static void Configure(ILoggingBuilder logging, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(options);
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);
        if (options.LogFormat == "text")
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = TimestampFormat + " ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = TimestampFormat;
                o.UseUtcTimestamp = true;
            });
        }
    }
}
