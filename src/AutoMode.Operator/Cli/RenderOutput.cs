namespace AutoMode.Operator.Cli;

/// <summary>What `render` produced: the YAML, or why some class cannot be rendered at that instant.</summary>
public sealed record RenderOutput(string Yaml, IReadOnlyList<RenderError> Errors);
