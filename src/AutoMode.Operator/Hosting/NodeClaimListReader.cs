using System.Text.Json;
using AutoMode.Core.ThirdParty.Karpenter.V1;
using AutoMode.Kubernetes.Informers;
using k8s.Models;

namespace AutoMode.Operator.Hosting;

/// <summary>
/// Reads a listed NodeClaim directly into what <see cref="CacheTransforms.NodeClaim"/> keeps (identity, pool label,
/// hash annotation, deletion state, node name, NodeClass name) and skips the rest unparsed. A cluster lists NodeClaims by the thousand at start-up, and
/// the full decode (labels, annotations, owner references, conditions with their timestamps) took most of the time
/// to ready. Timestamps go through the client's own converter, so both paths agree to the tick.
/// </summary>
internal static class NodeClaimListReader
{
    public static readonly ListItemReader<V1NodeClaim> Read = ReadNodeClaim;

    private static V1NodeClaim? ReadNodeClaim(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var claim = new V1NodeClaim();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("metadata"))
            {
                reader.Read();
                claim.Metadata = ReadMetadata(ref reader, options);
            }
            else if (reader.ValueTextEquals("status"))
            {
                reader.Read();
                claim.Status = ReadStatus(ref reader);
            }
            else if (reader.ValueTextEquals("spec"))
            {
                reader.Read();
                claim.Spec = WithNodeClassName(ReadNodeClassName(ref reader));
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return claim;
    }

    private static V1ObjectMeta ReadMetadata(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var metadata = new V1ObjectMeta();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return metadata;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"))
            {
                metadata.Name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("uid"))
            {
                metadata.Uid = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("resourceVersion"))
            {
                metadata.ResourceVersion = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("creationTimestamp"))
            {
                reader.Read();
                metadata.CreationTimestamp = JsonSerializer.Deserialize<DateTime?>(ref reader, options);
            }
            else if (reader.ValueTextEquals("deletionTimestamp"))
            {
                reader.Read();
                metadata.DeletionTimestamp = JsonSerializer.Deserialize<DateTime?>(ref reader, options);
            }
            else if (reader.ValueTextEquals("labels"))
            {
                reader.Read();
                var pool = ReadOneKey(ref reader, V1NodeClaim.NodePoolLabel);
                metadata.Labels = pool is null ? null : new Dictionary<string, string> { [V1NodeClaim.NodePoolLabel] = pool };
            }
            else if (reader.ValueTextEquals("annotations"))
            {
                reader.Read();
                var hash = ReadOneKey(ref reader, V1NodeClaim.NodePoolHashAnnotation);
                metadata.Annotations = hash is null ? null : new Dictionary<string, string> { [V1NodeClaim.NodePoolHashAnnotation] = hash };
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return metadata;
    }

    /// <summary>One key's value from a string map (labels or annotations); the other entries are checked and skipped.</summary>
    private static string? ReadOneKey(ref Utf8JsonReader reader, string key)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        string? value = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(key))
            {
                value = ReadString(ref reader);
            }
            else
            {
                // Label and annotation values are strings; anything else is the same error the full decode reports.
                reader.Read();
                Expect(ref reader, JsonTokenType.String);
            }
        }

        return value;
    }

    private static V1NodeClaimStatus? ReadStatus(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var status = new V1NodeClaimStatus();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("nodeName"))
            {
                status.NodeName = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return status;
    }

    /// <summary>The spec the caches keep: only spec.nodeClassRef.name, or nothing.</summary>
    public static V1NodeClaimSpec? WithNodeClassName(string? name) =>
        name is null ? null : new V1NodeClaimSpec { NodeClassRef = new V1NodeClassReference { Name = name } };

    /// <summary>spec.nodeClassRef.name of a NodeClaim spec; the rest is skipped.</summary>
    private static string? ReadNodeClassName(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        string? name = null;
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("nodeClassRef"))
            {
                SkipValue(ref reader);
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject);
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("name"))
                {
                    name = ReadString(ref reader);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }

        return name;
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return false;
        }

        Expect(ref reader, JsonTokenType.PropertyName);
        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.String);
        return reader.GetString();
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        // TrySkip, not Skip: a list read as a stream is not on its final block, though each item is fully buffered.
        if (!reader.TrySkip())
        {
            throw new JsonException("A NodeClaim in the list was cut short.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonException($"Expected {expected} but found {reader.TokenType} at {reader.TokenStartIndex} in a NodeClaim.");
        }
    }
}
