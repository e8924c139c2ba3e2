namespace AutoMode.Operator.Cli;

/// <summary>A class that cannot be rendered at the chosen instant, e.g. a zoned budget with no UTC equivalent then.</summary>
public sealed record RenderError(string Class, string Path, string Message);
