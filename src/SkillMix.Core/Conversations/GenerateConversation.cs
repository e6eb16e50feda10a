using Microsoft.Extensions.AI;
using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Conversations;

/// <summary>
/// The Generate step's conversation with any chat model: turn 1 (write the text), the reply, turn 2 (review and improve it
/// within the sentence limit), the reply; the text graded is extracted from the last reply. The repeat index travels in
/// <see cref="ChatOptionKeys.Repeat"/>.
/// </summary>
public sealed class GenerateConversation(IChatClient client, ChatOptions? options = null)
{
    public async Task<GenerationTranscript> RunAsync(IReadOnlyList<Skill> skills, string topic, int repeat,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        var callOptions = RepeatOptions.For(options, repeat);
        var turn1 = GenerationPrompt.Turn1(skills, topic);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, GenerationPrompt.SystemPrompt),
            new(ChatRole.User, turn1),
        };
        var first = await client.GetResponseAsync(messages, callOptions, cancellationToken).ConfigureAwait(false);
        messages.AddRange(first.Messages);
        var turn2 = GenerationPrompt.Turn2(skills, topic, SentenceLimit.For(skills.Count));
        messages.Add(new ChatMessage(ChatRole.User, turn2));
        var second = await client.GetResponseAsync(messages, callOptions, cancellationToken).ConfigureAwait(false);
        return new GenerationTranscript(repeat, second.ModelId ?? first.ModelId ?? options?.ModelId ?? "",
            GenerationPrompt.SystemPrompt, turn1, first.Text, turn2, second.Text, AnswerExtractor.Extract(second.Text));
    }
}
