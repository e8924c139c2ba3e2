using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace AutoMode.Testing.Kube;

/// <summary>An open watch stream: filters committed events and queues newline-delimited JSON lines for the writer.</summary>
internal sealed class WatchSubscription(
    FakeResourceType resourceType,
    string? watchNamespace,
    LabelSelector? labels,
    FieldSelector? fields,
    bool bookmarks)
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public FakeResourceType Type { get; } = resourceType;

    public bool Bookmarks { get; } = bookmarks;

    public ChannelReader<string> Lines => _lines.Reader;

    private bool Matches(FakeResourceType type, string ns, string name) =>
        type == Type && (watchNamespace is null || watchNamespace == ns) && (fields is null || fields.Matches(ns, name));

    /// <summary>Maps an event through the label selector like the API server's watch cache does.</summary>
    public void Offer(WatchEvent e)
    {
        if (!Matches(e.ResourceType, e.Namespace, e.Name))
        {
            return;
        }

        var now = labels is null || labels.Matches(e.Labels);
        var before = e.HadPrevious && (labels is null || labels.Matches(e.PreviousLabels));
        var type = e.Type switch
        {
            "ADDED" when now => "ADDED",
            "MODIFIED" when now && before => "MODIFIED",
            "MODIFIED" when now => "ADDED",
            "MODIFIED" when before => "DELETED",
            "DELETED" when now => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            Send(type, e.ObjectJson);
        }
    }

    public void SendAdded(StoredObject stored)
    {
        if (labels is null || labels.Matches(stored.Labels))
        {
            Send("ADDED", stored.Json);
        }
    }

    public void SendBookmark(long resourceVersion)
    {
        var bookmark = new JsonObject
        {
            ["kind"] = Type.Kind,
            ["apiVersion"] = Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        Send("BOOKMARK", bookmark.ToJsonString());
    }

    public void Close() => _lines.Writer.TryComplete();

    private void Send(string type, string objectJson) =>
        _lines.Writer.TryWrite("{\"type\":\"" + type + "\",\"object\":" + objectJson + "}\n");
}
