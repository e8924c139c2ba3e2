using System.Text.Json.Nodes;

namespace AutoMode.Testing.Kube;

/// <summary>An API error the fake server turns into a Kubernetes <c>Status</c> response.</summary>
internal sealed class FakeApiException(int code, string reason, string message, JsonObject? details = null)
    : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => StatusObject(Code, Reason, Message, Details);

    public static JsonObject StatusObject(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (details is not null)
        {
            status["details"] = details.DeepClone();
        }

        return status;
    }

    public static FakeApiException NotFound(FakeResourceType type, string name) =>
        new(404, "NotFound", $"{type.Key} \"{name}\" not found", DetailsFor(type, name));

    public static FakeApiException AlreadyExists(FakeResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.Key} \"{name}\" already exists", DetailsFor(type, name));

    public static FakeApiException Conflict(FakeResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.Key} \"{name}\": {why}", DetailsFor(type, name));

    public static FakeApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static FakeApiException Invalid(FakeResourceType type, string name, string message) =>
        new(422, "Invalid", $"{type.Kind}.{type.Group} \"{name}\" is invalid: {message}", DetailsFor(type, name));

    public static JsonObject DetailsFor(FakeResourceType type, string name) =>
        new() { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural };
}
