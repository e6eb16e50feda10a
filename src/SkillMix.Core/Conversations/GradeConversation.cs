using Microsoft.Extensions.AI;
using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Conversations;

/// <summary>
/// The Grade step's call to any chat model: the same grading request sent R times (repeat 1..R in
/// <see cref="ChatOptionKeys.Repeat"/>), each reply parsed with <see cref="GradeReplyParser"/> and its length point replaced
/// by the programmatic sentence count.
/// </summary>
public sealed class GradeConversation(IChatClient client, ChatOptions? options = null)
{
    public async Task<IReadOnlyList<GradingTranscript>> RunAsync(IReadOnlyList<Skill> skills, string topic, string text,
        int repeats, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var prompt = GradingPrompt.Build(skills, topic, text);
        var sentences = SentenceCounter.Count(text);
        var lengthPoint = sentences <= SentenceLimit.For(skills.Count) ? 1 : 0;
        var result = new List<GradingTranscript>(repeats);
        for (var repeat = 1; repeat <= repeats; repeat++)
        {
            ChatMessage[] messages = [new(ChatRole.System, GradingPrompt.SystemPrompt), new(ChatRole.User, prompt)];
            var response = await client.GetResponseAsync(messages, RepeatOptions.For(options, repeat), cancellationToken)
                .ConfigureAwait(false);
            result.Add(new GradingTranscript(repeat, response.ModelId ?? options?.ModelId ?? "", GradingPrompt.SystemPrompt,
                prompt, response.Text, GradeReplyParser.Parse(response.Text, skills.Count), sentences, lengthPoint));
        }
        return result;
    }
}
