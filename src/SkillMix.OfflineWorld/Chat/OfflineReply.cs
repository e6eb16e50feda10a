using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkillMix.OfflineWorld.Chat;

/// <summary>What both offline chat clients share: reading the call's seed and repeat index, and shaping the response.</summary>
internal static class OfflineReply
{
    /// <summary>The key Core puts the repeat index under (1-based), in ChatOptions.AdditionalProperties.</summary>
    public const string RepeatKey = Core.Conversations.ChatOptionKeys.Repeat;

    public static int RepeatOf(ChatOptions? options)
    {
        if (options?.AdditionalProperties is null || !options.AdditionalProperties.TryGetValue(RepeatKey, out var value))
        {
            return 1;
        }
        return value switch
        {
            int i => i,
            long l => checked((int)l),
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetInt32(),
            _ => throw new ArgumentException(
                $"ChatOptions.AdditionalProperties[\"{RepeatKey}\"] must be an integer; it is '{value}'."),
        };
    }

    public static string LastUserText(IReadOnlyList<ChatMessage> messages) =>
        messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";

    /// <summary>The reply as an assistant message, with the model id and word counts as token usage.</summary>
    public static ChatResponse Response(IReadOnlyList<ChatMessage> messages, string reply, string modelId)
    {
        var input = messages.Sum(m => Words(m.Text));
        var output = Words(reply);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, reply))
        {
            ModelId = modelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };
    }

    public static async IAsyncEnumerable<ChatResponseUpdate> Stream(Task<ChatResponse> response)
    {
        foreach (var update in (await response.ConfigureAwait(false)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public static object? Service(object client, ChatClientMetadata metadata, Type serviceType, object? serviceKey) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? metadata
        : serviceType.IsInstanceOfType(client) ? client
        : null;

    private static int Words(string? text) =>
        string.IsNullOrEmpty(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
