using Microsoft.Extensions.AI;

namespace SkillMix.Core.Tests.Conversations;

/// <summary>A scripted chat model: answers each call with the next reply and remembers what it was sent.</summary>
internal sealed class FakeChatClient(string model, params Func<IReadOnlyList<ChatMessage>, string>[] replies) : IChatClient
{
    public List<(List<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        Calls.Add((sent, options));
        var reply = replies[Math.Min(Calls.Count - 1, replies.Length - 1)](sent);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)) { ModelId = model });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The conversations do not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
