using System.Text;
using System.Text.Json.Nodes;
using Cel;

namespace AutoMode.Testing.Cel;

/// <summary>
/// One <c>x-kubernetes-validations</c> entry compiled with Cel 0.3.3, or the reason it could not be
/// (<see cref="Unsupported"/>); such a rule is never evaluated, so a test can list exactly what the fake skips.
/// </summary>
public sealed class CelRule
{
    private CelRule(JsonObject source, CelSchemaNode node)
    {
        Node = node;
        Rule = (string?)source["rule"] ?? string.Empty;
        Message = (string?)source["message"];
        MessageExpression = (string?)source["messageExpression"];
        Reason = (string?)source["reason"];
        FieldPath = (string?)source["fieldPath"];
        OptionalOldSelf = (bool?)source["optionalOldSelf"] == true;
        UsesOldSelf = CelText.UsesOldSelf(Rule);
        NormalizedFieldPath = FieldPath is { Length: > 0 } ? NormalizeFieldPath(FieldPath, node) : null;
    }

    public CelSchemaNode Node { get; }

    public string Rule { get; }

    public string? Message { get; }

    public string? MessageExpression { get; }

    public string? Reason { get; }

    public string? FieldPath { get; }

    /// <summary>The fieldPath as field.Path prints it relative to the node (e.g. <c>id</c>), or null when absent or not valid for the schema (then errors sit at the node, as in the API server).</summary>
    public string? NormalizedFieldPath { get; private set; }

    public bool OptionalOldSelf { get; }

    /// <summary>A transition rule: it refers to oldSelf, so it runs only on update where an old value correlates.</summary>
    public bool UsesOldSelf { get; }

    /// <summary>Why this rule is not evaluated (a function Cel 0.3.3 and <see cref="KubernetesCelLibrary"/> lack, a parse error, optional types), or null.</summary>
    public string? Unsupported { get; private set; }

    internal CelProgramDelegate? Program { get; private set; }

    internal CelProgramDelegate? MessageProgram { get; private set; }

    /// <summary>The rule's text for messages: the message when set, else the rule (ruleErrorString in schema/cel/validation.go).</summary>
    public string ErrorString => Message is { Length: > 0 } ? Message.Trim() : Rule.Trim();

    /// <summary>The detail of a failure: the message, else <c>failed rule: ...</c> (ruleMessageOrDefault).</summary>
    public string MessageOrDefault => Message is { Length: > 0 } ? Message.Trim() : $"failed rule: {ErrorString}";

    public override string ToString() => $"{(Node.SchemaPath.Length == 0 ? "<root>" : Node.SchemaPath)}: {Rule}";

    internal static CelRule Compile(JsonObject source, CelSchemaNode node, CelEnvironment environment)
    {
        var rule = new CelRule(source, node);
        var missing = KubernetesCelLibrary.UnsupportedCalls(rule.Rule);
        if (rule.OptionalOldSelf)
        {
            rule.Unsupported = "optionalOldSelf: true needs CEL optional types (oldSelf.hasValue(), orValue()), which Cel 0.3.3 does not implement";
            return rule;
        }

        if (missing.Count > 0)
        {
            rule.Unsupported = $"calls {string.Join(", ", missing)}, which neither Cel 0.3.3 nor KubernetesCelLibrary provides";
            return rule;
        }

        try
        {
            rule.Program = environment.Compile(rule.Rule);
        }
        catch (Exception ex) when (ex.GetType().Namespace?.StartsWith("Cel", StringComparison.Ordinal) == true || ex is ArgumentException)
        {
            rule.Unsupported = $"Cel 0.3.3 cannot parse it: {ex.Message}";
            return rule;
        }

        if (rule.MessageExpression is { Length: > 0 } expression && KubernetesCelLibrary.UnsupportedCalls(expression).Count == 0)
        {
            try
            {
                rule.MessageProgram = environment.Compile(expression);
            }
            catch (Exception ex) when (ex.GetType().Namespace?.StartsWith("Cel", StringComparison.Ordinal) == true || ex is ArgumentException)
            {
                // The API server falls back to message (or the default) when messageExpression fails; so do we.
                rule.MessageProgram = null;
            }
        }

        return rule;
    }

    /// <summary>
    /// ValidFieldPath in schema/cel/validation.go: <c>.a.b</c>, <c>.a['k']</c>; each step must name a property (or a
    /// key of a map with additionalProperties). Returns the path relative to the node as field.Path prints it.
    /// </summary>
    private static string? NormalizeFieldPath(string fieldPath, CelSchemaNode node)
    {
        var text = new StringBuilder();
        var schema = node;
        var i = 0;
        while (i < fieldPath.Length)
        {
            string name;
            if (fieldPath[i] == '.')
            {
                var end = fieldPath.IndexOfAny(['.', '['], i + 1);
                name = fieldPath[(i + 1)..(end < 0 ? fieldPath.Length : end)];
                i = end < 0 ? fieldPath.Length : end;
            }
            else if (fieldPath[i] == '[' && i + 1 < fieldPath.Length && fieldPath[i + 1] == '\'')
            {
                var close = fieldPath.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    return null;
                }

                name = fieldPath[(i + 2)..close].Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
                i = close + 2;
            }
            else
            {
                return null;
            }

            if (name.Length == 0)
            {
                return null;
            }

            if (schema.Properties.Count > 0)
            {
                if (!schema.Properties.TryGetValue(name, out var next))
                {
                    return null;
                }

                text.Append(text.Length == 0 ? name : "." + name);
                schema = next;
            }
            else if (schema.AdditionalProperties is { } values)
            {
                text.Append('[').Append(name).Append(']');
                schema = values;
            }
            else
            {
                return null;
            }
        }

        return text.Length == 0 ? null : text.ToString();
    }
}
