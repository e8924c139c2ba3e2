namespace AutoMode.Operator.Tests.Config;

/// <summary>A fact that needs a command-line tool; skipped with a clear message when the tool is not installed (.ci/run installs it).</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool)
    {
        if (!ExternalTool.Exists(tool))
        {
            Skip = $"'{tool}' is not installed (.ci/run installs it)";
        }
    }
}
