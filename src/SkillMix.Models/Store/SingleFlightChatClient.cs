using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkillMix.Models.Store;

/// <summary>
/// Identical requests in flight at once share one call: the first (by call key) goes on to the call store and the model,
/// the others wait for it and get a copy of its reply, as a store hit would give them once its record is written. A step
/// that draws one combination twice therefore pays for it once. If the first call fails, is cancelled or gets an empty
/// reply (none of which the store keeps), a waiting caller makes the call itself.
/// </summary>
/// <remarks>
/// Within one process only: two processes sharing a call store have no common memory, and a lock file would have to be
/// cleaned after a killed build; docs/backends.md says what happens there.
/// </remarks>
public sealed class SingleFlightChatClient(IChatClient innerClient, CallIdentity identity) : DelegatingChatClient(innerClient)
{
    private readonly ConcurrentDictionary<string, Task<ChatResponse?>> _inFlight = new(StringComparer.Ordinal);
    private int _shared;

    /// <summary>Calls answered by sharing an identical call that was already in flight.</summary>
    public int Shared => _shared;

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var key = CallKey.Compute(CallKey.CanonicalRequest(identity, list, options));
        while (true)
        {
            var mine = new TaskCompletionSource<ChatResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var first = _inFlight.GetOrAdd(key, mine.Task);
            if (first == mine.Task)
            {
                ChatResponse? response = null;
                try
                {
                    response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
                    return response;
                }
                finally
                {
                    // Removed before waiters wake, so a waiter that must call itself finds no finished call to follow.
                    _inFlight.TryRemove(KeyValuePair.Create(key, mine.Task));
                    mine.SetResult(response);
                }
            }
            var shared = await first.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (shared is not null && !string.IsNullOrWhiteSpace(shared.Text))
            {
                Interlocked.Increment(ref _shared);
                return Copy(shared);
            }
        }
    }

    /// <summary>Streaming callers get the shared (or their own) reply as updates, as from the call store.</summary>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    // Each caller owns its reply (callers append its messages to their conversations), as each store hit is read afresh.
    private static ChatResponse Copy(ChatResponse response) =>
        JsonSerializer.Deserialize<ChatResponse>(JsonSerializer.SerializeToUtf8Bytes(response, AIJsonUtilities.DefaultOptions), AIJsonUtilities.DefaultOptions)!;
}
