using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AutoMode.Testing.Kube;
using AutoMode.Testing.Schemas;

namespace AutoMode.Testing.Cel;

/// <summary>
/// The fake API server's CEL step: for resources whose CRD was given (<see cref="UseCrd"/>), every create, update,
/// patch and server-side apply (and the test's direct writes) is checked with <see cref="CrdCelValidator"/> before it
/// is stored, and refused like the real server: 422, reason Invalid, one cause per failed rule
/// (apierrors.NewInvalid in kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go).
/// Setting deletionTimestamp on delete is not validated, as the real registry's graceful deletion is not.
/// </summary>
public sealed class CelAdmission
{
    private readonly ConcurrentDictionary<(string Group, string Version, string Plural), CrdCelValidator> _validators = new();

    /// <summary>Warnings (ratcheted failures) of the writes admitted so far, newest last.</summary>
    public ConcurrentQueue<CelFieldError> Warnings { get; } = new();

    /// <summary>Evaluates <paramref name="validator"/>'s rules on writes to <paramref name="group"/>/<paramref name="version"/> <paramref name="plural"/>.</summary>
    public void Use(string group, string version, string plural, CrdCelValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        _validators[(group, version, plural)] = validator;
    }

    /// <summary>Stops evaluating rules for a resource, e.g. to play a cluster whose CRD predates a rule.</summary>
    public bool Remove(string group, string version, string plural) => _validators.TryRemove((group, version, plural), out _);

    /// <summary>Evaluates the rules of every served version of <paramref name="crd"/> (a CustomResourceDefinition object).</summary>
    public void UseCrd(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var spec = crd["spec"] ?? throw new ArgumentException("the CRD has no spec", nameof(crd));
        var group = (string?)spec["group"] ?? throw new ArgumentException("the CRD has no spec.group", nameof(crd));
        var plural = (string?)spec["names"]?["plural"] ?? throw new ArgumentException("the CRD has no spec.names.plural", nameof(crd));
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().Where(v => (bool?)v["served"] == true))
        {
            if (version["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                Use(group, (string)version["name"]!, plural, CrdCelValidator.FromSchema(schema));
            }
        }
    }

    /// <summary><see cref="UseCrd"/> for the CRD in a YAML file, e.g. crds/workloadclasses.automode.io.yaml.</summary>
    public void UseCrdFile(string path) => UseCrd(CrdSchemaLoader.LoadCrd(path));

    /// <summary>The validator in force for a resource, or null.</summary>
    public CrdCelValidator? For(string group, string version, string plural) =>
        _validators.TryGetValue((group, version, plural), out var validator) ? validator : null;

    /// <summary>Throws the API server's 422 when <paramref name="proposed"/> fails a rule; <paramref name="old"/> is null on create.</summary>
    internal void Admit(FakeResourceType type, JsonObject proposed, JsonObject? old)
    {
        if (For(type.Group, type.Version, type.Plural) is not { } validator)
        {
            return;
        }

        var result = validator.Validate(proposed, old);
        foreach (var warning in result.Warnings)
        {
            Warnings.Enqueue(warning);
        }

        if (!result.IsValid)
        {
            throw Invalid(type, (string?)proposed["metadata"]?["name"] ?? string.Empty, result.Errors);
        }
    }

    /// <summary>apierrors.NewInvalid: message "&lt;Kind&gt;.&lt;group&gt; "name" is invalid: &lt;errors&gt;", details with one cause per error.</summary>
    internal static FakeApiException Invalid(FakeResourceType type, string name, IReadOnlyList<CelFieldError> errors)
    {
        var causes = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Type,
            ["message"] = e.Body,
            ["field"] = e.Field,
        }).ToArray());
        var details = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Kind, ["causes"] = causes };
        // utilerrors aggregate: one message alone, several de-duplicated inside [ ].
        var messages = errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var aggregate = messages.Count == 1 ? messages[0] : $"[{string.Join(", ", messages)}]";
        var qualifiedKind = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        return new FakeApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {aggregate}", details);
    }
}
