using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AutoMode.Core.Serialization;

/// <summary>
/// Reads a YAML stream into one JSON node per document, the way kubectl and the API server do (YAML 1.1 scalars:
/// yes/no/on/off are booleans): both turn YAML into JSON with sigs.k8s.io/yaml, which decodes with its goyaml.v2
/// fork (kubernetes/kubernetes vendor/sigs.k8s.io/yaml/yaml.go and vendor/sigs.k8s.io/yaml/goyaml.v2/resolve.go).
/// The project's one YAML reader: the CLI, the tests and the fake API server all read YAML through it.
/// Iterative with a depth cap and a node budget, so hostile input (deep nesting, alias bombs) yields an
/// error instead of a stack overflow or an out-of-memory.
/// </summary>
public static partial class YamlJsonReader
{
    private const int MaxDepth = 100;
    private const int MaxNodes = 1_000_000;

    /// <summary>Every document in <paramref name="text"/>.</summary>
    /// <exception cref="InvalidDataException">A document is not valid YAML (the message says where).</exception>
    public static IReadOnlyList<JsonNode?> ParseAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var documents = ReadDocuments(text);
        return documents.FirstOrDefault(d => d.Error is not null).Error is { } error
            ? throw new InvalidDataException(error)
            : [.. documents.Select(d => d.Node)];
    }

    /// <summary>The single document in <paramref name="text"/>.</summary>
    /// <exception cref="InvalidDataException">There is not exactly one document, or it is not valid YAML.</exception>
    public static JsonNode? Parse(string text)
    {
        var documents = ParseAll(text);
        return documents.Count == 1
            ? documents[0]
            : throw new InvalidDataException($"expected one YAML document, found {documents.Count}");
    }

    /// <summary>
    /// One entry per document: its node, or the reason it could not be read. A document that is not valid YAML is
    /// reported (with its line in the whole text) and reading goes on at the next "---" line after the error, so a
    /// broken document does not hide the ones after it; when there is no such line the rest of the text is lost.
    /// </summary>
    public static List<(JsonNode? Node, string? Error)> ReadDocuments(string text)
    {
        var documents = new List<(JsonNode?, string?)>();
        var lineOffset = 0;
        var remaining = text;
        while (true)
        {
            var parser = new Parser(new StringReader(remaining));
            long failedAt;
            try
            {
                parser.Consume<StreamStart>();
                while (!parser.Accept<StreamEnd>(out _))
                {
                    documents.Add(ReadDocument(parser));
                }

                return documents;
            }
            catch (YamlException ex)
            {
                documents.Add((null, $"not valid YAML: {Describe(ex, lineOffset)}"));
                failedAt = ex.Start.Line;
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                // YamlDotNet throws these rather than YamlException on some malformed input (a plain scalar the scanner
                // gives up on; a tag that is not a valid URI). Found by the fuzz test.
                // Their messages ("Operation is not valid due to the current state of the object") say nothing useful.
                failedAt = parser.Current?.Start.Line ?? 0;
                documents.Add((null, failedAt > 0
                    ? $"not valid YAML: the parser could not read on after line {failedAt + lineOffset} (an unclosed '[', '{{' or quote?)"
                    : $"not valid YAML: {ex.Message}"));
            }

            // Lines are 1-based in YamlDotNet; resume strictly after this chunk's first line so every round makes progress.
            var next = NextDocumentStart(remaining, Math.Max((int)Math.Min(failedAt, int.MaxValue) - 1, 1));
            if (next is not { } resume)
            {
                return documents;
            }

            lineOffset += resume.Line;
            remaining = remaining[resume.Offset..];
        }
    }

    /// <summary>The first line at or after <paramref name="fromLine"/> (0-based) that starts a document ("---").</summary>
    private static (int Line, int Offset)? NextDocumentStart(string text, int fromLine)
    {
        var line = 0;
        var offset = 0;
        while (offset < text.Length)
        {
            if (line >= fromLine && DocumentStartLine().IsMatch(text.AsSpan(offset, Math.Min(4, text.Length - offset))))
            {
                return (line, offset);
            }

            var end = text.IndexOf('\n', offset);
            if (end < 0)
            {
                return null;
            }

            offset = end + 1;
            line++;
        }

        return null;
    }

    private static (JsonNode?, string?) ReadDocument(IParser parser)
    {
        parser.Consume<DocumentStart>();
        var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        var budget = 0;
        JsonNode? root = null;
        var done = false;

        while (!done)
        {
            var parsingEvent = parser.Consume<ParsingEvent>();
            JsonNode? completed;
            string? anchor;
            switch (parsingEvent)
            {
                case MappingStart mapping:
                    if (stack.Count >= MaxDepth)
                    {
                        throw new YamlException(mapping.Start, mapping.End, $"nesting deeper than {MaxDepth} levels");
                    }

                    stack.Push(new Frame(new JsonObject(), mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value));
                    continue;
                case SequenceStart sequence:
                    if (stack.Count >= MaxDepth)
                    {
                        throw new YamlException(sequence.Start, sequence.End, $"nesting deeper than {MaxDepth} levels");
                    }

                    stack.Push(new Frame(new JsonArray(), sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value));
                    continue;
                case MappingEnd or SequenceEnd:
                    var frame = stack.Pop();
                    completed = frame.Node;
                    anchor = frame.Anchor;
                    break;
                case Scalar scalar:
                    completed = YamlScalars.ToJson(scalar);
                    anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new YamlException(alias.Start, alias.End, $"unknown alias *{alias.Value.Value}");
                    }

                    budget += Count(target);
                    completed = target?.DeepClone();
                    anchor = null;
                    break;
                case DocumentEnd:
                    done = true;
                    continue;
                default:
                    continue;
            }

            if (++budget > MaxNodes)
            {
                throw new YamlException(parsingEvent.Start, parsingEvent.End, $"more than {MaxNodes} nodes (alias expansion?)");
            }

            if (anchor is not null)
            {
                anchors[anchor] = completed;
            }

            if (stack.Count == 0)
            {
                root = completed;
                continue;
            }

            var parent = stack.Peek();
            if (parent.Node is JsonArray array)
            {
                array.Add(completed);
            }
            else if (parent.PendingKey is null)
            {
                parent.PendingKey = KeyText(completed);
            }
            else
            {
                var map = (JsonObject)parent.Node;
                if (map.ContainsKey(parent.PendingKey))
                {
                    throw new YamlException(parsingEvent.Start, parsingEvent.End, $"duplicate key \"{parent.PendingKey}\"");
                }

                map[parent.PendingKey] = completed?.Parent is null ? completed : completed.DeepClone();
                parent.PendingKey = null;
            }
        }

        return (root, null);
    }

    private static string KeyText(JsonNode? key) => key switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => key.ToJsonString(),
    };

    private static int Count(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Sum(p => Count(p.Value)),
        JsonArray array => 1 + array.Sum(Count),
        _ => 1,
    };

    private static string Describe(YamlException ex, int lineOffset) =>
        ex.Start.Line > 0 ? $"line {ex.Start.Line + lineOffset}, column {ex.Start.Column}: {InnermostMessage(ex)}" : InnermostMessage(ex);

    private static string InnermostMessage(Exception ex) => ex.InnerException is YamlException inner ? InnermostMessage(inner) : ex.Message;

    [GeneratedRegex(@"^---([ \t\r\n]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentStartLine();

    private sealed class Frame(JsonNode node, string? anchor)
    {
        public JsonNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        public string? PendingKey { get; set; }
    }
}
