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
        { "wrong version: named, and the fix said", "apiVersion: automode.io/v1\nkind: WorkloadClass\nmetadata: {name: x}", "many.yaml: x: apiVersion: \"automode.io/v1\" does not serve WorkloadClass; use apiVersion automode.io/v1alpha1" },
        { "our group, misspelt kind", "apiVersion: automode.io/v1alpha1\nkind: Workloadclass", "many.yaml: document 1: kind: \"Workloadclass\" is not a kind of automode.io; use kind WorkloadClass" },
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
        { "unknown field, with the known name it is closest to", "  subnet: []", "spec.subnet: unknown field \"subnet\"; did you mean subnets?" },
        { "did you mean, by edit distance", "  instance: {}", "spec.instance: unknown field \"instance\"; did you mean instances?" },
        { "did you mean, case only", "  NodeRole: x", "spec.NodeRole: unknown field \"NodeRole\"; did you mean nodeRole?" },
        { "unknown field far from every known one: no guess", "  colour: blue", "spec.colour: unknown field \"colour\"" },
        { "quantities in plain words, not token names", "  limits: [1]", "spec.limits: expected a map of resource quantities like {cpu: \"100\"}, got a list" },
        { "a quantity that is a list", "  limits: {cpu: [1]}", "spec.limits.cpu: expected a quantity such as \"100\", \"500m\" or 64Gi, got a list" },
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

    [Fact]
    public void TwoValuesOnlyAConverterCanJudge_BothReported()
    {
        // Timestamps fail inside the deserializer, one exception at a time: each is reported, left out, and read again.
        var yaml = "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: {name: x, creationTimestamp: not-a-time, deletionTimestamp: never}\n";

        var document = Assert.Single(WorkloadClassDocuments.Parse(yaml, "f.yaml"));

        Assert.Equal(["metadata.creationTimestamp", "metadata.deletionTimestamp"], document.Errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]).Order());
        Assert.Equal("x", document.Partial!.Metadata.Name);
    }

    [Fact]
    public void WrongTypes_LeftOut_TheRestReadForTheRuleChecks()
    {
        var yaml = "apiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: {name: web}\nspec:\n  nodeRole: [a]\n  weight: 500\n  subnets: [{id: 7}, {tags: {Tier: private}}]\n";

        var document = Assert.Single(WorkloadClassDocuments.Parse(yaml, "f.yaml"));

        Assert.Null(document.WorkloadClass);
        Assert.True(document.ClaimsWorkloadClass);
        var partial = document.Partial!;
        Assert.Equal((null, 500, 2), (partial.Spec.NodeRole, partial.Spec.Weight, partial.Spec.Subnets!.Count));
        Assert.Equal("private", partial.Spec.Subnets[1].Tags!["Tier"]);
        Assert.Equal(["spec.nodeRole", "spec.subnets[0].id"], document.ErrorPaths);
        Assert.All(document.ErrorLines(), l => Assert.StartsWith("f.yaml: web: spec.", l, StringComparison.Ordinal));
    }

    [Fact]
    public void BrokenYamlInDocument2_Reported_Document3StillRead_WithTheLineInTheWholeFile()
    {
        var yaml = Valid + "\n---\napiVersion: automode.io/v1alpha1\nkind: WorkloadClass\nmetadata: {name: broken\nspec: [unclosed\n---\n"
            + Valid.Replace("name: web", "name: third", StringComparison.Ordinal) + "\n---\napiVersion: a\napiVersion: b\n---\n" + Valid.Replace("name: web", "name: fifth", StringComparison.Ordinal);

        var documents = WorkloadClassDocuments.Parse(yaml, "many.yaml");

        Assert.Equal([1, 2, 3, 4, 5], documents.Select(d => d.Position));
        Assert.Equal(["web", null, "third", null, "fifth"], documents.Select(d => d.WorkloadClass?.Metadata.Name));
        var secondStart = Valid.Split('\n').Length + 2;
        Assert.StartsWith($"many.yaml: document 2: not valid YAML: the parser could not read on after line {secondStart + 2}", Assert.Single(documents[1].ErrorLines()), StringComparison.Ordinal);
        var fourthStart = secondStart + 5 + Valid.Split('\n').Length + 1;
        Assert.StartsWith($"many.yaml: document 4: not valid YAML: line {fourthStart + 1}, ", Assert.Single(documents[3].ErrorLines()), StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenYamlWithNoDocumentAfterIt_RestOfTheTextReportedOnce()
    {
        var documents = WorkloadClassDocuments.Parse(Valid + "\n---\nspec: [unclosed\n  more: text\n", "f.yaml");

        Assert.Equal(2, documents.Count);
        Assert.True(documents[0].IsWorkloadClass);
        Assert.Single(documents[1].Errors);
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
