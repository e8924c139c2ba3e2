using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AutoMode.Core.Api.V1Alpha1;
using AutoMode.Testing.Builders;
using k8s;

namespace AutoMode.Operator.Tests.Fuzz;

/// <summary>
/// Seeded generator of malformed and adversarial WorkloadClass documents: a rich valid class with one to three
/// mutations at random paths (wrong types, nulls where objects belong, huge strings and lists, hostile unicode,
/// deep nesting, unknown fields, missing required fields), random JSON values, character soup, and corrupted YAML
/// (truncated, re-indented, anchors and aliases, tags, several documents). Each document gets its own name so
/// valid ones never collide.
/// </summary>
internal sealed class AdversarialDocuments(int seed)
{
    private const string Soup = "ab:- \n\t[]{}&*!|>'\"%@`#,?~0123456789.\\\u00e9\u202e\u200b\ud83d\udca5\u0000\ufeff";

    private static readonly string[] Hostile =
    [
        "", " ", "\u0000", "\u202e\u0645\u0631\u062d\u0628\u0627", "\ud83d\udca5\ud83d\udd25", "\u200b\u200b", "\ufeff", "\ud800", "\udfff",
        "名前", "a\nb", "a: b", "- x", "*alias", "&anchor", "!!binary", "${HOME}", "'; DROP TABLE", "../../etc/passwd",
        "9223372036854775808", "-1", "NaN", "Infinity", "0x1F", "1e999", "true", "null", "~", "yes", "on",
    ];

    private readonly Random _random = new(seed);
    private readonly JsonObject _valid = Template();
    private readonly List<string> _paths = [];

    /// <summary>The kinds of document, for reports and to keep the mix honest.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["mutated-json", "random-json", "soup", "corrupted-yaml", "yaml-tricks"];

    public (string Kind, string Text) Next(int index)
    {
        var kind = _random.Next(100) switch
        {
            < 45 => Kinds[0],
            < 55 => Kinds[1],
            < 65 => Kinds[2],
            < 85 => Kinds[3],
            _ => Kinds[4],
        };
        var name = "f" + index.ToString(CultureInfo.InvariantCulture);
        return kind switch
        {
            "mutated-json" => (kind, Mutated(name).ToJsonString()),
            "random-json" => (kind, RandomValue(0)?.ToJsonString() ?? "null"),
            "soup" => (kind, SoupText(_random.Next(0, 300))),
            "corrupted-yaml" => (kind, CorruptedYaml(name)),
            _ => (kind, YamlTrick(name)),
        };
    }

    /// <summary>A mutated class as a JSON tree (for the typed paths: validator, renderer, API server).</summary>
    public JsonObject Mutated(string name)
    {
        var document = (JsonObject)_valid.DeepClone();
        document["metadata"]!["name"] = name;
        var mutations = 1 + _random.Next(3);
        for (var i = 0; i < mutations; i++)
        {
            Mutate(document);
        }

        return document;
    }

    private void Mutate(JsonObject document)
    {
        if (_paths.Count == 0)
        {
            Collect(_valid, "", _paths);
        }

        var path = _paths[_random.Next(_paths.Count)];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode? parent = document;
        for (var i = 0; i < segments.Length - 1 && parent is not null; i++)
        {
            parent = parent is JsonArray array && int.TryParse(segments[i], CultureInfo.InvariantCulture, out var at) && at < array.Count
                ? array[at]
                : (parent as JsonObject)?[segments[i]];
        }

        var last = segments.Length == 0 ? null : segments[^1];
        switch (parent)
        {
            case JsonObject obj when last is not null && _random.Next(8) == 0:
                obj.Remove(last);
                break;
            case JsonObject obj when last is not null:
                obj[last] = Replacement();
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                array[index] = Replacement();
                break;
        }

        if (_random.Next(10) == 0)
        {
            // An unknown field somewhere near the top.
            var target = _random.Next(2) == 0 ? document : document["spec"] as JsonObject ?? document;
            target["x-" + _random.Next(1000).ToString(CultureInfo.InvariantCulture)] = Replacement();
        }
    }

    private JsonNode? Replacement() => _random.Next(14) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(-5, 5) * 1_000_000_007L),
        2 => JsonValue.Create(_random.NextDouble() * 1e300),
        3 => JsonValue.Create(_random.Next(2) == 0),
        4 => JsonValue.Create(Hostile[_random.Next(Hostile.Length)]),
        5 => new JsonObject(),
        6 => new JsonArray(),
        7 => JsonValue.Create(new string((char)('a' + _random.Next(26)), 20_000 + _random.Next(80_000))),
        8 => new JsonArray([.. Enumerable.Range(0, 2_000 + _random.Next(8_000)).Select(i => (JsonNode?)JsonValue.Create("item-" + i.ToString(CultureInfo.InvariantCulture)))]),
        9 => Deep(20 + _random.Next(35)), // JSON writers stop at depth 64; deeper text is in YamlTrick
        10 => new JsonArray(null, new JsonObject { ["key"] = null }, JsonValue.Create(1)),
        11 => JsonValue.Create(SoupText(_random.Next(1, 60))),
        12 => new JsonObject { ["tags"] = new JsonObject { [Hostile[_random.Next(Hostile.Length)]] = Hostile[_random.Next(Hostile.Length)] } },
        _ => RandomValue(0),
    };

    private JsonNode Deep(int depth)
    {
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < depth; i++)
        {
            node = _random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        return node;
    }

    private JsonNode? RandomValue(int depth) => (_random.Next(depth > 3 ? 4 : 7)) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next()),
        2 => JsonValue.Create(Hostile[_random.Next(Hostile.Length)]),
        3 => JsonValue.Create(_random.Next(2) == 0),
        4 or 5 => new JsonObject(Enumerable.Range(0, _random.Next(5)).Select(i => KeyValuePair.Create(
            new[] { "apiVersion", "kind", "metadata", "spec", "name", "status", "limits", "offHours" }[_random.Next(8)] + (i == 0 ? "" : i.ToString(CultureInfo.InvariantCulture)),
            RandomValue(depth + 1)))),
        _ => new JsonArray([.. Enumerable.Range(0, _random.Next(5)).Select(_ => RandomValue(depth + 1))]),
    };

    private string SoupText(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(Soup[_random.Next(Soup.Length)]);
        }

        return text.ToString();
    }

    private string CorruptedYaml(string name)
    {
        var lines = ValidYaml(name).Split('\n').ToList();
        switch (_random.Next(6))
        {
            case 0:
                return string.Join('\n', lines)[..(_random.Next(lines.Sum(l => l.Length + 1)))];
            case 1:
                lines.RemoveAt(_random.Next(lines.Count));
                break;
            case 2:
                var at = _random.Next(lines.Count);
                lines[at] = new string(' ', _random.Next(0, 7)) + lines[at].TrimStart();
                break;
            case 3:
                lines.Insert(_random.Next(lines.Count), lines[_random.Next(lines.Count)]);
                break;
            case 4:
                var line = _random.Next(lines.Count);
                var colon = lines[line].IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    lines[line] = lines[line][..(colon + 1)] + " " + Quote(Hostile[_random.Next(Hostile.Length)]);
                }

                break;
            default:
                lines[_random.Next(lines.Count)] += "\t" + SoupText(_random.Next(1, 20));
                break;
        }

        return string.Join('\n', lines);
    }

    private string YamlTrick(string name) => _random.Next(9) switch
    {
        0 => "a: &a [x, y]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c]\n",
        1 => ValidYaml(name) + "\n---\n" + SoupText(40) + "\n---\n" + ValidYaml(name + "-second"),
        2 => ValidYaml(name).Replace("spec:", "spec: !!binary aGVsbG8=\nx:", StringComparison.Ordinal),
        3 => ValidYaml(name).Replace("  weight: 10", "  weight: 10\n  weight: 20", StringComparison.Ordinal),
        4 => "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: &m {name: " + name + "}\nspec: *m\n",
        5 => "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: {name: " + name + "}\nspec:\n  <<: {nodeRole: r}\n  limits: {cpu: !!float 1e400}\n",
        6 => new string('[', 20_000) + new string(']', 20_000),
        7 => "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata:\n  name: " + name + "\nspec:\n  nodeLabels:\n" +
             string.Concat(Enumerable.Range(0, 3_000).Select(i => $"    k{i}: v{i}\n")),
        _ => "? [complex, key]\n: value\n--- !tag\n%YAML 1.1\n---\n",
    };

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\u0000", "\\0", StringComparison.Ordinal) + "\"";

    private static string ValidYaml(string name) => $$$"""
        apiVersion: automode.io/v1alpha1
        kind: WorkloadClass
        metadata:
          name: {{{name}}}
        spec:
          nodeRole: AmazonEKSAutoNodeRole
          subnets: [{tags: {Tier: private}}]
          securityGroups: [{id: sg-0123456789abcdef0}]
          instances: {categories: [c, m], capacityTypes: [on-demand]}
          limits: {cpu: "100", memory: 400Gi}
          weight: 10
          taints: [{key: team, value: web, effect: NoSchedule}]
          offHours:
            timeZone: Europe/Berlin
            windows: [{start: "0 20 * * 1-5", end: "0 7 * * 1-5"}]
            drain: {enabled: true, maxUnavailable: "25%"}
          disruption:
            consolidationPolicy: WhenEmptyOrUnderutilized
            budgets: [{nodes: "10%"}]
        """;

    private static JsonObject Template()
    {
        var workloadClass = WorkloadClasses.Valid("template", s =>
        {
            s.Weight = 10;
            s.Tags = new Dictionary<string, string> { ["team"] = "web" };
            s.NodeLabels = new Dictionary<string, string> { ["team"] = "web" };
            s.Taints = [new TaintSpec { Key = "team", Value = "web", Effect = "NoSchedule" }];
            s.Lifecycle = new LifecycleSpec { ExpireAfter = "168h", TerminationGracePeriod = "1h" };
            s.Disruption = new DisruptionSpec { ConsolidationPolicy = "WhenEmptyOrUnderutilized", Budgets = [new DisruptionBudgetSpec { Nodes = "10%" }] };
            s.OffHours = new OffHoursSpec
            {
                TimeZone = "Europe/Berlin",
                Windows = [new OffHoursWindowSpec { Start = "0 20 * * 1-5", End = "0 7 * * 1-5" }],
                Holidays = ["2026-12-25"],
                Drain = new DrainSpec { Enabled = true, MaxUnavailable = "25%", BlockedAfter = "30m" },
            };
        });
        var node = JsonNode.Parse(KubernetesJson.Serialize(workloadClass))!.AsObject();
        node.Remove("status");
        return node;
    }

    private static void Collect(JsonNode? node, string path, List<string> paths)
    {
        if (path.Length > 0)
        {
            paths.Add(path);
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Collect(child, path + "/" + key, paths);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], path + "/" + i.ToString(CultureInfo.InvariantCulture), paths);
                }

                break;
        }
    }
}
