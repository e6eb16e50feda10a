using System.Globalization;
using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.Core.Sampling;
using SkillMix.Training.Sampling;

namespace SkillMix.Training.Chat;

/// <summary>
/// What every local student's chat client does alike, whatever its model and tokenizer: the random stream a request
/// samples from, and the response it answers with.
/// </summary>
internal static class StudentAnswers
{
    /// <summary>
    /// The stream of a request: seeded by (seed, repeat index, prompt ids), so the same request gives the same text on every
    /// run and in any batch, another repeat gives another draw, and different prompts of one seed draw differently.
    /// </summary>
    public static SeededRandom Stream(long seed, ChatOptions? options, int[] prompt) =>
        SeededRandom.ForStream(seed, "student-sample", RepeatOf(options), PromptHash(prompt));

    public static ChatResponse Response(string text, SampleResult result, string modelId) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = modelId,
            FinishReason = result.Stopped ? ChatFinishReason.Stop : ChatFinishReason.Length,
            Usage = new UsageDetails
            {
                InputTokenCount = result.PromptTokens,
                OutputTokenCount = result.Tokens.Length,
                TotalTokenCount = result.PromptTokens + result.Tokens.Length,
            },
        };

    /// <summary>The repeat index (1st, 2nd, 3rd generation of one prompt) from <see cref="ChatOptionKeys.Repeat"/>; 0 when unset.</summary>
    public static long RepeatOf(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ChatOptionKeys.Repeat, out var value) == true
            ? value switch
            {
                int i => i,
                long l => l,
                string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } j => j.GetInt64(),
                _ => throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{ChatOptionKeys.Repeat}\"] must be an integer, not '{value}'."),
            }
            : 0;

    // FNV-1a over the prompt's ids.
    private static long PromptHash(int[] prompt)
    {
        var h = 14695981039346656037UL;
        foreach (var token in prompt)
        {
            h = (h ^ (uint)token) * 1099511628211UL;
        }
        return unchecked((long)h);
    }
}
