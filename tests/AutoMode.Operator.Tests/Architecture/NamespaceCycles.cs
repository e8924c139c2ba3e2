using System.Text;

namespace AutoMode.Operator.Tests.Architecture;

/// <summary>
/// Groups of namespaces that reach each other through their references (strongly connected components), each told
/// as one cycle and the references of every edge inside the group, so a failure says what to move.
/// </summary>
internal static class NamespaceCycles
{
    public static IReadOnlyList<string> Find(IReadOnlyList<TypeReference> references)
    {
        var edges = references
            .GroupBy(r => r.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.To).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var nodes = references.SelectMany(r => new[] { r.From, r.To }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var reports = new List<string>();
        foreach (var group in Components(nodes, edges).Where(g => g.Count > 1))
        {
            var members = new HashSet<string>(group, StringComparer.Ordinal);
            var text = new StringBuilder();
            text.AppendLine("cycle: " + string.Join(" -> ", Cycle(group.Min(StringComparer.Ordinal)!, edges, members)));
            foreach (var edge in references.Where(r => members.Contains(r.From) && members.Contains(r.To)).GroupBy(r => (r.From, r.To)).OrderBy(g => g.Key.From + " " + g.Key.To, StringComparer.Ordinal))
            {
                text.AppendLine($"  {edge.Key.From} -> {edge.Key.To}:");
                var distinct = edge.Distinct().ToList();
                foreach (var reference in distinct.Take(8))
                {
                    text.AppendLine("    " + reference);
                }

                if (distinct.Count > 8)
                {
                    text.AppendLine($"    (+{distinct.Count - 8} more)");
                }
            }

            reports.Add(text.ToString());
        }

        return reports;
    }

    /// <summary>Tarjan's algorithm; the graph is a few dozen namespaces, so recursion depth is no concern.</summary>
    private static List<List<string>> Components(List<string> nodes, Dictionary<string, List<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return components;
    }

    /// <summary>The shortest way from <paramref name="start"/> back to itself inside its component.</summary>
    private static List<string> Cycle(string start, Dictionary<string, List<string>> edges, HashSet<string> members)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in (edges.GetValueOrDefault(node) ?? []).Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = cameFrom[at])
                    {
                        path.Insert(1, at);
                    }

                    path.Add(start);
                    return path;
                }

                if (cameFrom.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        throw new InvalidOperationException($"{start} is in a component but on no cycle");
    }
}
