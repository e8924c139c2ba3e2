using System.Text.Json.Nodes;

namespace AutoMode.Core.Import;

/// <summary>One parsed document to import and where it came from (a file name, "&lt;stdin&gt;", the cluster).</summary>
public sealed record ImportInput(string Source, JsonNode? Node);
