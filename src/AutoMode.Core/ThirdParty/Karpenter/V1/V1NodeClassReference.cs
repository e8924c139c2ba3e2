using System.Text.Json.Serialization;

namespace AutoMode.Core.ThirdParty.Karpenter.V1;

/// <summary>spec.template.spec.nodeClassRef; on Auto Mode group eks.amazonaws.com, kind NodeClass.</summary>
public sealed class V1NodeClassReference
{
    [JsonPropertyName("group")]
    public string Group { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}
