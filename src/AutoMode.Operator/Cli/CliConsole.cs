namespace AutoMode.Operator.Cli;

/// <summary>Standard streams, passed in so tests can capture them.</summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
