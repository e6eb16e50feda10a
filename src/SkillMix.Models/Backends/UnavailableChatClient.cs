using Microsoft.Extensions.AI;
using SkillMix.Models.Http;

namespace SkillMix.Models.Backends;

/// <summary>
/// Stands in for a backend whose key is not set. Building a pipeline must not need the key (a replay-only run never
/// calls the model); the first call that would reach the network fails with what to set.
/// </summary>
internal sealed class UnavailableChatClient(string reason, ChatClientMetadata metadata) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new ModelCallException(ModelCallFailure.NotConfigured, reason);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new ModelCallException(ModelCallFailure.NotConfigured, reason);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? metadata : null;

    public void Dispose()
    {
    }
}
