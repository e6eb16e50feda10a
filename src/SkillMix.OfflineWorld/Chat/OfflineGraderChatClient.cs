using Microsoft.Extensions.AI;
using SkillMix.Core.Grading;
using SkillMix.OfflineWorld.Grading;
using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.OfflineWorld.Chat;

/// <summary>
/// The offline grader behind <see cref="IChatClient"/>. It reads the prompt Core's GradingPrompt builds and answers with
/// the rubric table a GPT-4 grader writes, so the same parser and metrics run on it. A prompt it cannot read, or one that
/// names a skill or topic the world lacks, gets an error reply that starts with "Error:" and has no table.
/// The lenient variant credits every skill of a text that pertains to the topic and makes sense, the way a generous
/// grader reads skills into a good text (P1 found Claude more generous than GPT-4): a second grader that disagrees with
/// the first in a known way, so that agreement between graders can be shown and checked offline.
/// </summary>
public sealed class OfflineGraderChatClient(OfflineGrader grader, bool lenient = false) : IChatClient
{
    public const string ModelId = "offline-grader-1";

    public const string LenientModelId = "offline-lenient-grader-1";

    private readonly ChatClientMetadata _metadata = new("offline", null, lenient ? LenientModelId : ModelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        return Task.FromResult(OfflineReply.Response(list, Reply(list), _metadata.DefaultModelId!));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        OfflineReply.Stream(GetResponseAsync(messages, options, cancellationToken));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        OfflineReply.Service(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }

    // Points in rubric order: k skills, topic, sense, length. Topic and sense earned: every skill is credited.
    private static IReadOnlyList<int> Lenient(IReadOnlyList<int> points, int k) =>
        points[k] == 1 && points[k + 1] == 1 ? [.. points.Select((p, i) => i < k ? 1 : p)] : points;

    private string Reply(IReadOnlyList<ChatMessage> messages)
    {
        if (!GradingPrompt.TryParse(OfflineReply.LastUserText(messages), out var request))
        {
            return "Error: the offline grader answers only Skill-Mix grading prompts (Core's GradingPrompt); "
                + "the last user message has no text markers or no rubric.";
        }
        try
        {
            var verdict = grader.Grade(request.Skills, request.Topic, request.SentenceLimit, request.Text);
            var points = lenient ? Lenient(verdict.Points, request.Skills.Count) : verdict.Points;
            return GradeTable.Format(verdict.Criteria, points, string.Join("\n", verdict.Reasons));
        }
        catch (UnknownNameException e)
        {
            return "Error: " + e.Message;
        }
    }
}
