using System.Text.Json.Nodes;
using AutoMode.Testing.Schemas;
using Cel;

namespace AutoMode.Testing.Cel;

/// <summary>
/// Evaluates a CRD's <c>x-kubernetes-validations</c> on an object as the API server does on create and update: a port
/// of Validator.Validate in kubernetes/kubernetes
/// staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go, on Cel 0.3.3 plus
/// <see cref="KubernetesCelLibrary"/>. <c>self</c> is the value at the rule's node (each element for items, each value
/// for additionalProperties; at the root only apiVersion, kind, metadata.name/generateName and the other fields);
/// transition rules (those naming <c>oldSelf</c>) run only on update where an old value correlates; failures on an
/// unchanged value are ratcheted into warnings; a failure's field is the node's path joined with fieldPath, its
/// detail the messageExpression, message, or <c>failed rule: ...</c>, its kind the rule's reason.
/// Not done: CEL type checking and cost budgets (the API server does both when the CRD is written; the CRD checker's
/// job), <c>format: date-time/duration</c> strings as timestamps/durations, x-kubernetes-embedded-resource roots.
/// </summary>
public sealed class CrdCelValidator
{
    private const int MaxMessageExpressionBytes = 5 * 1024;

    private readonly CelEnvironment _environment = new(null, null);

    private CrdCelValidator(JsonObject schema)
    {
        KubernetesCelLibrary.Register(_environment);
        Root = CelSchemaNode.Build(schema, (rule, node) => CelRule.Compile(rule, node, _environment));
    }

    public CelSchemaNode Root { get; }

    /// <summary>Every rule in the schema, in schema order.</summary>
    public IReadOnlyList<CelRule> Rules => [.. Root.Descendants().SelectMany(n => n.Rules)];

    /// <summary>Rules that are not evaluated, each with <see cref="CelRule.Unsupported"/> saying why.</summary>
    public IReadOnlyList<CelRule> Unsupported => [.. Rules.Where(r => r.Unsupported is not null)];

    /// <summary>A validator for an openAPIV3Schema (or a JSON Schema dump of one).</summary>
    public static CrdCelValidator FromSchema(JsonObject schema) => new(schema ?? throw new ArgumentNullException(nameof(schema)));

    /// <summary>A validator for one version of a CustomResourceDefinition (the storage version when null).</summary>
    public static CrdCelValidator FromCrd(JsonObject crd, string? version = null) => new(CrdSchemaLoader.SchemaOf(crd, version));

    /// <summary>A CRD YAML file or a JSON Schema file (see <see cref="CrdSchemaLoader.Load"/>).</summary>
    public static CrdCelValidator Load(string path, string? version = null) => new(CrdSchemaLoader.Load(path, version));

    /// <summary>Evaluates every rule on <paramref name="obj"/>; <paramref name="old"/> is the stored object on update, null on create.</summary>
    /// <exception cref="CelNotEvaluableException">Cel 0.3.3 itself could not run a rule it compiled.</exception>
    public CelValidationResult Validate(JsonObject obj, JsonObject? old = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var run = new Run();
        var ratchet = old is null ? default : new Ratchet(new CelCorrelation(obj, old, Root), null);
        run.Walk(Root, string.Empty, obj, old, ratchet, isRoot: true);
        return new CelValidationResult(run.Errors, run.Warnings);
    }

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Ratcheting state while walking (ratchetingOptions in validation.go).</summary>
    private readonly record struct Ratchet(CelCorrelation? Current, CelCorrelation? Nearest)
    {
        public Ratchet Key(string field) =>
            Current is null ? this
            : Nearest is null && field is "apiVersion" or "kind" ? default
            : new Ratchet(Current.Key(field), Current);

        public Ratchet Index(int index) => Current is null ? this : new Ratchet(Current.Index(index), Current);

        public bool ShouldRatchet => Current?.DeepEqual() ?? Nearest?.DeepEqual() ?? false;
    }

    private sealed class Run
    {
        public List<CelFieldError> Errors { get; } = [];

        public List<CelFieldError> Warnings { get; } = [];

        public void Walk(CelSchemaNode node, string path, JsonNode? value, JsonNode? old, Ratchet ratchet, bool isRoot = false)
        {
            // Only non-null values are validated (validateExpressions).
            if (value is null)
            {
                return;
            }

            Evaluate(node, path, value, old, ratchet, isRoot);
            switch (value)
            {
                case JsonArray array when node.Items is { } items:
                    for (var i = 0; i < array.Count; i++)
                    {
                        var oldItem = node.ListType == "map" && old is JsonArray oldArray ? CelCorrelation.FindByKeys(oldArray, array[i], node.ListMapKeys) : null;
                        Walk(items, $"{path}[{i}]", array[i], oldItem, ratchet.Index(i));
                    }

                    break;
                case JsonObject obj:
                    // MapIsCorrelatable: granular (the default) and atomic maps correlate by key.
                    var oldObj = node.MapType is null or "granular" or "atomic" ? old as JsonObject : null;
                    foreach (var (key, child) in obj)
                    {
                        if (node.AdditionalProperties is { } values)
                        {
                            Walk(values, $"{path}[{key}]", child, oldObj?[key], ratchet.Key(key));
                        }
                        else if (node.Properties.TryGetValue(key, out var property))
                        {
                            Walk(property, Child(path, key), child, oldObj?[key], ratchet.Key(key));
                        }
                    }

                    break;
            }
        }

        private void Evaluate(CelSchemaNode node, string path, JsonNode value, JsonNode? old, Ratchet ratchet, bool isRoot)
        {
            if (node.Rules.Count == 0)
            {
                return;
            }

            object? self = isRoot && value is JsonObject root ? CelValue.FromRoot(root, node) : CelValue.From(value, node);
            object? oldSelf = old is null ? null : isRoot && old is JsonObject oldRoot ? CelValue.FromRoot(oldRoot, node) : CelValue.From(old, node);
            var schemaType = isRoot ? "object" : node.Type;
            foreach (var rule in node.Rules)
            {
                if (rule.Program is null || (rule.UsesOldSelf && old is null))
                {
                    continue;
                }

                var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["self"] = self };
                if (old is not null)
                {
                    variables["oldSelf"] = oldSelf;
                }

                var field = rule.NormalizedFieldPath is { } relative ? Child(path, relative) : path;
                var printed = field.Length == 0 ? "<nil>" : field;
                var outcome = Invoke(rule.Program, variables, rule.Rule);
                if (outcome is true)
                {
                    continue;
                }

                if (outcome is string evaluationError)
                {
                    // Evaluation errors are reported at the node, never ratcheted (validation.go appends them directly).
                    Errors.Add(new CelFieldError(CelFieldError.Invalid, path.Length == 0 ? "<nil>" : path, schemaType, evaluationError + rule.ErrorString));
                    continue;
                }

                var error = CelFieldError.ForReason(rule.Reason, printed, schemaType, Detail(rule, variables));
                (!rule.UsesOldSelf && ratchet.ShouldRatchet ? Warnings : Errors).Add(error);
            }
        }

        /// <summary>true, false, or the prefix of an evaluation error ("... evaluating rule: ").</summary>
        private static object Invoke(CelProgramDelegate program, Dictionary<string, object?> variables, string rule)
        {
            object? result;
            try
            {
                result = program(variables);
            }
            catch (Exception ex) when (ex.GetType().Name is "CelUnboundFunctionException" or "CelExpressionParserException" or "CelUndeclaredReferenceException")
            {
                throw new CelNotEvaluableException($"Cel 0.3.3 could not evaluate '{rule}': {ex.Message}", ex);
            }
            catch (Exception ex) when (ex.GetType().Namespace?.StartsWith("Cel", StringComparison.Ordinal) == true
                || ex is ArgumentException or InvalidCastException or FormatException or OverflowException or System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                // "no such key: x evaluating rule: ...", "index out of bounds ..." (cel-go words differ; the outcome is the same).
                return $"{ex.Message} evaluating rule: ";
            }

            return result switch
            {
                bool b => b,
                _ when result?.GetType().Name == "CelNoSuchField" => "no such key evaluating rule: ",
                _ => "'no such overload': call arguments did not match a supported operator, function or macro signature for rule: ",
            };
        }

        /// <summary>evalMessageExpression: a trimmed, non-empty, single-line string of at most 5 KiB; otherwise the message (or default).</summary>
        private static string Detail(CelRule rule, Dictionary<string, object?> variables)
        {
            if (rule.MessageProgram is { } program)
            {
                try
                {
                    if (program(variables) is string text)
                    {
                        var trimmed = text.Trim();
                        if (trimmed.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(trimmed) <= MaxMessageExpressionBytes && !trimmed.Contains('\n', StringComparison.Ordinal))
                        {
                            return trimmed;
                        }
                    }
                }
                catch (Exception ex) when (ex.GetType().Namespace?.StartsWith("Cel", StringComparison.Ordinal) == true || ex is ArgumentException)
                {
                    // The API server logs a failed messageExpression and falls back to message; so do we (no rethrow by design).
                    _ = ex;
                }
            }

            return rule.MessageOrDefault;
        }
    }
}
