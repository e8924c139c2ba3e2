using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>
/// Plays EKS Auto Mode's part on a <see cref="FakeApiServer"/>: registers <c>karpenter.sh/v1</c> nodepools and
/// nodeclaims and <c>eks.amazonaws.com/v1</c> nodeclasses (cluster-scoped, with <c>/status</c>), and marks every
/// NodePool and NodeClass <c>Ready=True</c> right after it is created, as Auto Mode's controllers would once they
/// accept it. It does not validate the objects, react to later spec changes, or create nodes or NodeClaims.
/// </summary>
public static class FakeAutoMode
{
    public const string KarpenterGroup = "karpenter.sh";
    public const string EksGroup = "eks.amazonaws.com";

    /// <summary>Registers the Auto Mode resources and installs the Ready hooks.</summary>
    public static void Install(FakeApiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        Register(server);
        server.OnCreated("nodepools." + KarpenterGroup, MarkReady);
        server.OnCreated("nodeclasses." + EksGroup, MarkReady);
    }

    /// <summary>Registers the Auto Mode resources without any hooks (objects stay not Ready until a test says so).</summary>
    public static void Register(FakeApiServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.AddResource(KarpenterGroup, "v1", "nodepools", "NodePool");
        server.AddResource(KarpenterGroup, "v1", "nodeclaims", "NodeClaim");
        server.AddResource(EksGroup, "v1", "nodeclasses", "NodeClass");
    }

    /// <summary>Returns <paramref name="obj"/> with <c>status.conditions</c> holding <c>Ready=True</c> for its generation.</summary>
    public static JsonObject MarkReady(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj["metadata"];
        if (obj["status"] is not JsonObject status)
        {
            obj["status"] = status = new JsonObject();
        }

        if (status["conditions"] is not JsonArray conditions)
        {
            status["conditions"] = conditions = new JsonArray();
        }

        foreach (var existing in conditions.Where(c => c?["type"]?.GetValue<string>() == "Ready").ToList())
        {
            conditions.Remove(existing);
        }

        conditions.Add(new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = "True",
            ["reason"] = "Ready",
            ["message"] = string.Empty,
            ["observedGeneration"] = metadata?["generation"]?.DeepClone(),
            ["lastTransitionTime"] = metadata?["creationTimestamp"]?.DeepClone(),
        });
        return obj;
    }
}
