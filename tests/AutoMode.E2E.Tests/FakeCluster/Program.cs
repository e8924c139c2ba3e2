using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using AutoMode.Testing.Aws;
using AutoMode.Testing.Cel;
using AutoMode.Testing.Kube;

// A stand-in cluster, clearly not a conformant one (see FakeApiServer's summary for what it does not do). It adds what
// the e2e fixture needs on top of FakeApiServer: apiextensions.k8s.io/v1 customresourcedefinitions, where creating a
// CRD registers its kind and marks it Established, as the real API server does. It plays no Auto Mode part: the e2e
// fixture's stand-in does that, as it would on a cluster without Auto Mode.
var flags = args.Skip(1).ToHashSet(StringComparer.Ordinal);
if (args.Length < 1 || !flags.IsSubsetOf(["--preinstalled", "--automode"]))
{
    await Console.Error.WriteLineAsync("usage: FakeCluster <output-dir> [--preinstalled] [--automode]");
    await Console.Error.WriteLineAsync("  writes <output-dir>/kubeconfig and <output-dir>/env, serves until SIGTERM/SIGINT");
    await Console.Error.WriteLineAsync("  --preinstalled: WorkloadClass, NodePool, NodeClaim and NodeClass are served from the start (E2E_SKIP_CRD_INSTALL=1)");
    await Console.Error.WriteLineAsync("  --automode: NodeClasses and NodePools get Ready=True when created, as if Auto Mode ran (the test must not stand in)");
    return 2;
}

var output = Directory.CreateDirectory(args[0]).FullName;
await using var api = await FakeApiServer.StartAsync();
// Core pods, as every cluster has them: the off-hours drain lists those of drain.protectedNamespaces.
api.AddResource(string.Empty, "v1", "pods", "Pod", namespaced: true);
if (flags.Contains("--preinstalled"))
{
    api.AddResource("automode.io", "v1alpha1", "workloadclasses", "WorkloadClass");
    FakeAutoMode.Register(api);
    ProjectCrds.Install(api.State.Cel);
}

string[] autoModeKinds = ["nodepools." + FakeAutoMode.KarpenterGroup, "nodeclasses." + FakeAutoMode.EksGroup];
void PlayAutoMode(string key)
{
    // A hook needs its kind registered: at start with --preinstalled, else when the CRD is created.
    if (flags.Contains("--automode") && autoModeKinds.Contains(key))
    {
        api.OnCreated(key, FakeAutoMode.MarkReady);
    }
}

if (flags.Contains("--preinstalled"))
{
    foreach (var key in autoModeKinds)
    {
        PlayAutoMode(key);
    }
}

api.AddResource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition");
api.OnCreated("customresourcedefinitions.apiextensions.k8s.io", crd =>
{
    var spec = crd["spec"]!;
    var names = spec["names"]!;
    foreach (var version in spec["versions"]!.AsArray().Where(v => v?["served"]?.GetValue<bool>() == true))
    {
        api.AddResource(spec["group"]!.GetValue<string>(), version!["name"]!.GetValue<string>(), names["plural"]!.GetValue<string>(),
            names["kind"]!.GetValue<string>(), namespaced: (string?)spec["scope"] == "Namespaced", hasStatusSubresource: version["subresources"]?["status"] is not null);
        if (version["schema"]?["openAPIV3Schema"] is JsonObject schema)
        {
            // As the real server: the CRD's schema prunes, defaults and drives server-side apply of its objects.
            api.State.SetSchema($"{names["plural"]}.{spec["group"]}", (JsonObject)schema.DeepClone());
        }
    }

    PlayAutoMode($"{names["plural"]}.{spec["group"]}");
    // The CRD's x-kubernetes-validations are enforced on its objects from now on, as a real API server does.
    api.State.Cel.UseCrd(crd);

    var now = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    crd["status"] = new JsonObject
    {
        ["acceptedNames"] = names.DeepClone(),
        ["storedVersions"] = new JsonArray(spec["versions"]!.AsArray().Where(v => v?["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode?)JsonValue.Create(v!["name"]!.GetValue<string>())).ToArray()),
        ["conditions"] = new JsonArray(
            new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["reason"] = "NoConflicts", ["message"] = "no conflicts found", ["lastTransitionTime"] = now },
            new JsonObject { ["type"] = "Established", ["status"] = "True", ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted", ["lastTransitionTime"] = now }),
    };
    return crd;
});

await using var aws = await FakeAwsServer.StartAsync();
const string ClusterName = "e2e-fake";
var roleArn = aws.AddRole("e2e-fake-cluster-role",
    """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}""");
aws.AddCluster(ClusterName, roleArn);
// The samples' node roles, with the EC2 access entries a platform team creates for them (Auto Mode only creates one
// for the cluster's own node role): without them every sample is Stalled on NodeRoleAccessEntryMissing.
foreach (var nodeRole in new[] { "arn:aws:iam::111122223333:role/AmazonEKSAutoNodeRole", "arn:aws:iam::111122223333:role/eks/AmazonEKSAutoNodeRole" })
{
    aws.AddAccessEntry(ClusterName, nodeRole, "EC2", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy");
}

aws.PutInlinePolicy("e2e-fake-cluster-role", "someone-elses-policy", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");

var kubeconfig = Path.Combine(output, "kubeconfig");
await File.WriteAllTextAsync(kubeconfig, $"""
    apiVersion: v1
    kind: Config
    clusters:
    - name: fake
      cluster:
        server: {api.BaseAddress.ToString().TrimEnd('/')}
    users:
    - name: fake
      user:
        token: loopback-fake-api-server-accepts-any
    contexts:
    - name: fake
      context:
        cluster: fake
        user: fake
    current-context: fake
    """);
await File.WriteAllTextAsync(Path.Combine(output, "env"), $"""
    KUBECONFIG={kubeconfig}
    AWS_ENDPOINT_URL={aws.Endpoint.ToString().TrimEnd('/')}
    AWS_REGION=us-west-2
    AWS_ACCESS_KEY_ID=AKIAFAKEFAKEFAKEFAKE
    AWS_SECRET_ACCESS_KEY=fake-secret-for-the-loopback-aws-endpoint
    E2E_CLUSTER_NAME={ClusterName}

    """);

var stop = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
Console.WriteLine($"ready: API {api.BaseAddress} AWS {aws.Endpoint}");
await stop.Task;

// What the run did to the stand-ins, as evidence next to the test results.
Console.WriteLine($"requests: {api.Requests.Count} API, {aws.Requests.Count} AWS; API server errors: {api.ServerErrors.Count}");
foreach (var group in api.Requests.Where(r => r.IsWrite).GroupBy(r => (r.Plural, r.Subresource)).OrderBy(g => g.Key.Plural, StringComparer.Ordinal))
{
    Console.WriteLine($"  writes {group.Key.Plural}{(group.Key.Subresource is null ? "" : "/" + group.Key.Subresource)}: {group.Count()}");
}

foreach (var group in aws.Requests.GroupBy(r => r.Operation).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  AWS {group.Key}: {group.Count()}");
}

Console.WriteLine($"left on the API server: {string.Join(", ", api.State.ResourceTypes.Where(t => t.Plural is not ("events" or "leases")).Select(t => $"{t.Plural}={api.List(t.Key).Count}"))}");
foreach (var type in api.State.ResourceTypes.Where(t => t.Plural is not ("events" or "leases" or "customresourcedefinitions")))
{
    foreach (var left in api.List(type.Key))
    {
        Console.WriteLine($"  left: {type.Kind} {left["metadata"]?["name"]} owners={left["metadata"]?["ownerReferences"]?.ToJsonString() ?? "none"}");
    }
}

Console.WriteLine($"CEL rules enforced on: {string.Join(", ", api.State.ResourceTypes.Where(t => api.State.Cel.For(t.Group, t.Version, t.Plural) is not null).Select(t => $"{t.Key} ({api.State.Cel.For(t.Group, t.Version, t.Plural)!.Rules.Count} rules)"))}");
Console.WriteLine($"inline policies on the cluster role: {string.Join(", ", aws.GetInlinePolicies("e2e-fake-cluster-role").Keys)}");
foreach (var error in api.ServerErrors)
{
    Console.WriteLine("  server error: " + error.Message);
}

return 0;
