using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace SkillMix.Models.Tests.Support;

/// <summary>A chat client that answers at once (or after a delay), timestamps each call and counts calls in flight.</summary>
internal sealed class CountingChatClient(TimeSpan delay = default) : IChatClient
{
    private readonly ConcurrentQueue<DateTimeOffset> _starts = new();
    private int _inFlight;
    private int _maxInFlight;

    public IReadOnlyList<DateTimeOffset> Starts => _starts.Order().ToList();

    public int MaxInFlight => _maxInFlight;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _starts.Enqueue(DateTimeOffset.UtcNow);
        var now = Interlocked.Increment(ref _inFlight);
        lock (_starts)
        {
            _maxInFlight = Math.Max(_maxInFlight, now);
        }
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { ModelId = "counting" };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
