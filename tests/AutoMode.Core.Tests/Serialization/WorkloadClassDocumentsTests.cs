using AutoMode.Core.Serialization;

namespace AutoMode.Core.Tests.Serialization;

public sealed class WorkloadClassDocumentsTests
{
    private const string Valid = """
        apiVersion: automode.io/v1alpha1
        kind: WorkloadClass
        metadata:
          name: web
          labels: {team: web}
        spec:
          nodeRole: AmazonEKSAutoNodeRole
          subnets: [{tags: {Tier: private}}]
          securityGroups: [{id: sg-0123}]
          weight: 10
          dedicated: true
          limits: {cpu: 100, memory: 400Gi}
          offHours:
            drain: {maxUnavailable: 2}
        """;

    [Fact]
    public void ValidDocument_Parsed()
    {
        var document = Assert.Single(WorkloadClassDocuments.Parse(Valid, "web.yaml"));

        Assert.True(document.IsWorkloadClass, string.Join("\n", document.Errors));
        var spec = document.WorkloadClass!.Spec;
        Assert.Equal(("web", "AmazonEKSAutoNodeRole", 10, true), (document.WorkloadClass.Metadata.Name, spec.NodeRole, spec.Weight, spec.Dedicated));
        Assert.Equal("100", spec.Limits!["cpu"]);
        Assert.Equal("2", spec.OffHours!.Drain!.MaxUnavailable);
        Assert.Equal("private", spec.Subnets![0].Tags!["Tier"]);
    }

    [Fact]
    public void MultipleDocuments_EmptyOnesSkipped_PositionsCounted()
    {
        var documents = WorkloadClassDocuments.Parse("---\n# only a comment\n---\n" + Valid + "\n---\n" + Valid.Replace("name: web", "name: api", StringComparison.Ordinal) + "\n---\n", "many.yaml");

        Assert.Equal([("web", 2), ("api", 3)], documents.Select(d => (d.WorkloadClass!.Metadata.Name, d.Position)));
    }

    public static TheoryData<string, string, string> ErrorCases => new()
    {
        { "not YAML", "a: [unclosed", "many.yaml: document 1: not valid YAML: line 2" },
        { "not a mapping", "- a\n- b", "many.yaml: document 1: expected a mapping (a Kubernetes object), got a list" },
        { "scalar", "hello", "many.yaml: document 1: expected a mapping (a Kubernetes object), got the string \"hello\"" },
        { "another kind", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}", "many.yaml: document 1: is ConfigMap (v1), not a WorkloadClass (automode.io/v1alpha1)" },
        { "wrong version", "apiVersion: automode.io/v1\nkind: WorkloadClass", "many.yaml: document 1: is WorkloadClass (automode.io/v1), not a WorkloadClass (automode.io/v1alpha1)" },
        { "no apiVersion/kind", "metadata: {name: x}", "many.yaml: document 1: has no apiVersion/kind, not a WorkloadClass (automode.io/v1alpha1)" },
        { "duplicate key", "apiVersion: a\napiVersion: b", "many.yaml: document 1: not valid YAML: line 2" },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Invalid_ClearErrorWithSourceAndPosition(string reason, string yaml, string expectedStart)
    {
        var document = Assert.Single(WorkloadClassDocuments.Parse(yaml, "many.yaml"));

        Assert.False(document.IsWorkloadClass, reason);
        var line = Assert.Single(document.ErrorLines());
        Assert.True(line.StartsWith(expectedStart, StringComparison.Ordinal), $"{reason}: {line}");
    }

    public static TheoryData<string, string, string> FieldErrorCases => new()
    {
        { "string expected", "  nodeRole: 5", "spec.nodeRole: expected a string, got the number 5" },
        { "integer expected", "  weight: high", "spec.weight: expected an integer, got the string \"high\"" },
        { "integer, not a fraction", "  weight: 1.5", "spec.weight: expected an integer, got the number 1.5" },
        { "boolean expected", "  dedicated: maybe", "spec.dedicated: expected a boolean (true or false), got the string \"maybe\"" },
        { "YAML 1.1 yes is a boolean, as kubectl reads it", "  nodeRole: yes", "spec.nodeRole: expected a string, got the boolean true" },
        { "list expected", "  subnets: {id: subnet-1}", "spec.subnets: expected a list, got a map" },
        { "tag value must be a string", "  tags: {cost-center: 42}", "spec.tags.cost-center: expected a string (quote it), got the number 42" },
        { "unknown field", "  subnet: []", "spec.subnet: unknown field \"subnet\"" },
        { "unknown nested field", "  instances: {arch: [arm64]}", "spec.instances.arch: unknown field \"arch\"" },
        { "list item wrong type", "  instances: {zones: [a, [b]]}", "spec.instances.zones[1]: expected a string, got a list" },
    };

    [Theory]
    [MemberData(nameof(FieldErrorCases))]
    public void WrongFieldType_ErrorNamesPathAndValue(string reason, string specLine, string expected)
    {
        var yaml = "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: {name: x}\nspec:\n" + specLine;

        var document = Assert.Single(WorkloadClassDocuments.Parse(yaml, "f.yaml"));

        Assert.Null(document.WorkloadClass);
        Assert.True(document.Errors.Contains(expected), $"{reason}: {string.Join(" | ", document.Errors)}");
    }

    [Fact]
    public void SeveralFieldErrors_AllReported()
    {
        var yaml = "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: {name: x, bogus: 1}\nspec:\n  weight: x\n  nodeRole: [a]\n";

        var document = Assert.Single(WorkloadClassDocuments.Parse(yaml, "f.yaml"));

        Assert.Equal(3, document.Errors.Count);
    }

    [Fact]
    public void ConverterError_ReportedWithPath()
    {
        var yaml = "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: {name: x}\nspec:\n  limits: {cpu: [1]}\n";

        var error = Assert.Single(Assert.Single(WorkloadClassDocuments.Parse(yaml, "f.yaml")).Errors);

        Assert.StartsWith("spec.limits", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HostileInputs => new()
    {
        { "deep flow nesting", new string('[', 100_000) },
        { "deep block nesting", string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', i) + "a:\n")) },
        { "alias bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n" },
        { "unknown alias", "a: *nope" },
        { "tabs", "a:\n\t- b" },
        { "binary", "\0\u0001\u0002\uFFFE" },
        { "directive only", "%YAML 1.2\n---" },
        { "complex key", "? [a, b]\n: c" },
        { "huge integer", "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nspec: {weight: 99999999999999999999999}" },
        { "timestamp metadata", "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: {name: x, creationTimestamp: not-a-time}" },
        { "null spec", "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nspec: null\nmetadata: null" },
        { "status conditions missing required", "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nstatus: {conditions: [{}]}" },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void HostileInput_NeverThrows(string reason, string yaml)
    {
        var documents = WorkloadClassDocuments.Parse(yaml, "x.yaml");

        Assert.True(documents.All(d => d.IsWorkloadClass || d.Errors.Count > 0), reason);
    }

    [Fact]
    public void RandomText_NeverThrows()
    {
        var random = new Random(20260901);
        const string alphabet = "ab:- \n\t[]{}&*!|>'\"%@`#,?~0123456789.\\\u00e9";
        for (var i = 0; i < 20000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var prefixed = "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\n" + text;

            _ = WorkloadClassDocuments.Parse(text, "fuzz");
            _ = WorkloadClassDocuments.Parse(prefixed, "fuzz");
        }
    }
}
