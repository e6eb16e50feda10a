using Microsoft.Extensions.AI;

namespace SkillMix.Models.Limits;

/// <summary>
/// A tokenizer-free estimate of a call's size, used before the call (rate limits, budget) when the true count is not
/// known yet. English averages about 4 characters per token with GPT and Claude tokenizers; a few tokens per message
/// cover the role markers.
/// </summary>
public static class TokenEstimate
{
    private const int CharactersPerToken = 4;
    private const int TokensPerMessage = 4;

    public static int Input(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        long characters = options?.Instructions?.Length ?? 0;
        var count = 0;
        foreach (var message in messages)
        {
            characters += message.Text.Length;
            count++;
        }
        return (int)Math.Min(int.MaxValue, (characters + CharactersPerToken - 1) / CharactersPerToken + (long)TokensPerMessage * count);
    }

    /// <summary>The most the call can produce: its own cap, else the backend's default cap.</summary>
    public static int MaxOutput(ChatOptions? options, int defaultMaxOutputTokens) => options?.MaxOutputTokens ?? defaultMaxOutputTokens;
}
