using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoMode.Kubernetes.Informers;

/// <summary>Makes the <see cref="ListItemConverter{T}"/> for each <see cref="ListItem{T}"/> type.</summary>
internal sealed class ListItemConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ListItem<>);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(ListItemConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]));
}
