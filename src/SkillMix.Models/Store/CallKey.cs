using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SkillMix.Store;

namespace SkillMix.Models.Store;

/// <summary>
/// The key of one model call: SHA-256 of a canonical JSON of everything that can change the reply. Headers and keys are
/// not in it, so a key can be shared; the repeat index is, so repeated gradings of one text are distinct calls.
/// </summary>
public static class CallKey
{
    /// <summary>Bump when the canonical form changes: every stored call is then a miss, never a wrong hit.</summary>
    public const int KeySchemaVersion = 1;

    /// <summary>The canonical JSON the key hashes (also saved with the call and shown on a replay miss).</summary>
    public static string CanonicalRequest(CallIdentity identity, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", KeySchemaVersion);
            w.WriteString("provider", identity.Provider);
            w.WriteString("endpoint", identity.Endpoint.AbsoluteUri.TrimEnd('/'));
            w.WriteString("model", options?.ModelId ?? identity.Model);
            w.WriteStartArray("messages");
            foreach (var message in messages)
            {
                WriteMessage(w, message);
            }
            w.WriteEndArray();
            w.WriteStartObject("options");
            WriteOptions(w, options);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The key of a canonical request; SkillMix.Store computes it (CallRecordFiles.KeyOf), so the checks of stored
    /// records, which load no model SDK, compute the very same thing.</summary>
    public static string Compute(string canonicalRequest) => CallRecordFiles.KeyOf(canonicalRequest);

    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message)
    {
        w.WriteStartObject();
        w.WriteString("role", message.Role.Value);
        w.WriteStartArray("contents");
        foreach (var content in message.Contents)
        {
            if (content is TextContent text)
            {
                w.WriteStartObject();
                w.WriteString("text", text.Text);
                w.WriteEndObject();
            }
            else
            {
                // Non-text contents (images, function calls) keep their own JSON form under their type name.
                w.WriteStartObject();
                w.WritePropertyName(content.GetType().Name);
                JsonSerializer.Serialize(w, content, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(AIContent)));
                w.WriteEndObject();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOptions(Utf8JsonWriter w, ChatOptions? o)
    {
        if (o is null)
        {
            return;
        }
        if (o.Instructions is { } instructions)
        {
            w.WriteString("instructions", instructions);
        }
        if (o.Temperature is { } temperature)
        {
            w.WriteNumber("temperature", temperature);
        }
        if (o.TopP is { } topP)
        {
            w.WriteNumber("topP", topP);
        }
        if (o.TopK is { } topK)
        {
            w.WriteNumber("topK", topK);
        }
        if (o.MaxOutputTokens is { } maxTokens)
        {
            w.WriteNumber("maxOutputTokens", maxTokens);
        }
        if (o.Seed is { } seed)
        {
            w.WriteNumber("seed", seed);
        }
        if (o.FrequencyPenalty is { } frequency)
        {
            w.WriteNumber("frequencyPenalty", frequency);
        }
        if (o.PresencePenalty is { } presence)
        {
            w.WriteNumber("presencePenalty", presence);
        }
        if (o.StopSequences is { Count: > 0 } stops)
        {
            w.WriteStartArray("stop");
            foreach (var stop in stops)
            {
                w.WriteStringValue(stop);
            }
            w.WriteEndArray();
        }
        if (o.ResponseFormat is { } format)
        {
            w.WritePropertyName("responseFormat");
            JsonSerializer.Serialize(w, format, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponseFormat)));
        }
        if (o.AdditionalProperties is { Count: > 0 } extra)
        {
            // The repeat index (Core's ChatOptionKeys.Repeat) lives here, with any template version or provider-specific parameter.
            w.WriteStartObject("additional");
            foreach (var (name, value) in extra.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(name);
                JsonSerializer.Serialize(w, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object)));
            }
            w.WriteEndObject();
        }
    }
}
