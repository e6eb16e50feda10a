using Microsoft.Extensions.AI;
using SkillMix.Core.Grading;
using SkillMix.OfflineWorld.Grading;
using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.OfflineWorld.Chat;

/// <summary>
/// The offline grader behind <see cref="IChatClient"/>. It reads the prompt Core's GradingPrompt builds and answers with
/// the rubric table a GPT-4 grader writes, so the same parser and metrics run on it. A prompt it cannot read, or one that
/// names a skill or topic the world lacks, gets an error reply that starts with "Error:" and has no table.
/// </summary>
public sealed class OfflineGraderChatClient(OfflineGrader grader) : IChatClient
{
    public const string ModelId = "offline-grader-1";

    private static readonly ChatClientMetadata Metadata = new("offline", null, ModelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        return Task.FromResult(OfflineReply.Response(list, Reply(list), ModelId));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        OfflineReply.Stream(GetResponseAsync(messages, options, cancellationToken));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        OfflineReply.Service(this, Metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }

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
            return GradeTable.Format(verdict.Criteria, verdict.Points, string.Join("\n", verdict.Reasons));
        }
        catch (UnknownNameException e)
        {
            return "Error: " + e.Message;
        }
    }
}
