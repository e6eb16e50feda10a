using Microsoft.Extensions.AI;
using SkillMix.Core.Prompts;
using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.OfflineWorld.Chat;

/// <summary>
/// The offline teacher behind <see cref="IChatClient"/>. It reads the two-turn conversation Core's GenerationPrompt
/// builds: a turn-1 prompt gets the draft, a turn-2 prompt (with the turn-1 prompt earlier in the conversation) gets the
/// text packed within the sentence limit. The reply depends only on the prompts, ChatOptions.Seed and the repeat index.
/// </summary>
public sealed class OfflineTeacherChatClient(OfflineTeacher teacher) : IChatClient
{
    public const string ModelId = "offline-teacher-1";

    private static readonly ChatClientMetadata Metadata = new("offline", null, ModelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        return Task.FromResult(OfflineReply.Response(list, Reply(list, options), ModelId));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        OfflineReply.Stream(GetResponseAsync(messages, options, cancellationToken));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        OfflineReply.Service(this, Metadata, serviceType, serviceKey);

    public void Dispose()
    {
    }

    private string Reply(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var last = OfflineReply.LastUserText(messages);
        var turn2 = GenerationPrompt.TryParseTurn2(last, out var limit);
        var turn1Prompt = turn2
            ? messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text).LastOrDefault(t => GenerationPrompt.TryParseTurn1(t, out _, out _))
            : last;
        if (turn1Prompt is null || !GenerationPrompt.TryParseTurn1(turn1Prompt, out var skills, out var topic))
        {
            return "Error: the offline teacher answers only the Skill-Mix generation conversation (Core's GenerationPrompt): "
                + (turn2 ? "this turn-2 prompt has no turn-1 prompt before it." : "the last user message is neither turn 1 nor turn 2.");
        }
        try
        {
            var composition = teacher.Compose(skills, topic, turn2 ? limit : SentenceLimit.For(skills.Count),
                options?.Seed ?? 0, OfflineReply.RepeatOf(options));
            return turn2 ? composition.Reply : composition.DraftReply;
        }
        catch (UnknownNameException e)
        {
            return "Error: " + e.Message;
        }
    }
}
