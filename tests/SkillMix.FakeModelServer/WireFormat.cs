using System.Text.Json;

namespace SkillMix.FakeModelServer;

/// <summary>Reads chat requests and writes chat replies in the OpenAI and Anthropic wire formats.</summary>
internal static class WireFormat
{
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";

    /// <summary>The text of the last user message and the characters of all messages (for usage counts).</summary>
    public static (string Model, string LastUserText, int PromptCharacters) Read(JsonElement body)
    {
        var model = body.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var last = "";
        var characters = 0;
        if (body.TryGetProperty("system", out var system))
        {
            characters += TextOf(system).Length;
        }
        if (body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                var text = message.TryGetProperty("content", out var content) ? TextOf(content) : "";
                characters += text.Length;
                if (message.TryGetProperty("role", out var role) && role.GetString() == "user")
                {
                    last = text;
                }
            }
        }
        return (model, last, characters);
    }

    public static byte[] Reply(string format, string reportedModel, string text, int promptTokens, int completionTokens, int number)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (format == Anthropic)
            {
                w.WriteString("id", $"msg_{number:D6}");
                w.WriteString("type", "message");
                w.WriteString("role", "assistant");
                w.WriteString("model", reportedModel);
                w.WriteStartArray("content");
                w.WriteStartObject();
                w.WriteString("type", "text");
                w.WriteString("text", text);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString("stop_reason", "end_turn");
                w.WriteNull("stop_sequence");
                w.WriteStartObject("usage");
                w.WriteNumber("input_tokens", promptTokens);
                w.WriteNumber("output_tokens", completionTokens);
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("id", $"chatcmpl-{number:D6}");
                w.WriteString("object", "chat.completion");
                w.WriteNumber("created", 1_700_000_000 + number);
                w.WriteString("model", reportedModel);
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", text);
                w.WriteEndObject();
                w.WriteString("finish_reason", "stop");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("usage");
                w.WriteNumber("prompt_tokens", promptTokens);
                w.WriteNumber("completion_tokens", completionTokens);
                w.WriteNumber("total_tokens", promptTokens + completionTokens);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static byte[] Error(string format, int status, string message)
    {
        var type = status switch
        {
            401 => "authentication_error",
            404 => "not_found_error",
            429 => "rate_limit_error",
            _ => "api_error",
        };
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (format == Anthropic)
            {
                w.WriteString("type", "error");
            }
            w.WriteStartObject("error");
            w.WriteString("type", type);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static int Tokens(int characters) => (characters + 3) / 4;

    private static string TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Concat(content.EnumerateArray()
            .Where(part => part.TryGetProperty("text", out _))
            .Select(part => part.GetProperty("text").GetString())),
        _ => "",
    };
}
