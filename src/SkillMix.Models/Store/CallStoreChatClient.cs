using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SkillMix.Models.Http;

namespace SkillMix.Models.Store;

/// <summary>
/// Answers model calls from a <see cref="CallStore"/> and saves every new reply as soon as it returns, so an interrupted
/// step resumes without paying for a finished call twice. Errors and empty replies are never saved. It remembers the key of
/// every call it answered or saved, so a step can list the records its outputs depend on.
/// </summary>
public sealed class CallStoreChatClient(IChatClient innerClient, CallStore store, CallStoreMode mode, CallIdentity identity)
    : DelegatingChatClient(innerClient)
{
    private int _hits;
    private int _calls;
    private int _empty;
    private readonly ConcurrentDictionary<string, byte> _used = new(StringComparer.Ordinal);

    public CallStoreMode Mode { get; } = mode;

    /// <summary>Calls answered from the store.</summary>
    public int Hits => _hits;

    /// <summary>Calls that went to the model.</summary>
    public int Calls => _calls;

    /// <summary>Replies not saved because they were empty.</summary>
    public int EmptyReplies => _empty;

    /// <summary>The keys of the stored calls this client answered from the store or saved, sorted.</summary>
    public IReadOnlyList<string> UsedKeys => _used.Keys.Order(StringComparer.Ordinal).ToList();

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var canonical = CallKey.CanonicalRequest(identity, list, options);
        var key = CallKey.Compute(canonical);

        if (Mode != CallStoreMode.Record && store.TryRead(key) is { } stored)
        {
            Interlocked.Increment(ref _hits);
            _used.TryAdd(key, 0);
            return stored.Response;
        }
        if (Mode == CallStoreMode.ReplayOnly)
        {
            throw new CallStoreException(
                $"Replay-only: no stored call for key {key} (expected at {store.PathOf(key)}). Run the step in live mode with " +
                $"the backend's key set, or restore the call records. The missing request:{Environment.NewLine}{Pretty(canonical)}",
                store.PathOf(key));
        }

        var raw = RawExchange.Begin();
        var clock = Stopwatch.StartNew();
        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _calls);
        if (string.IsNullOrWhiteSpace(response.Text))
        {
            Interlocked.Increment(ref _empty);
            return response;
        }
        store.Write(new CallRecord
        {
            Key = key,
            Request = JsonElement.Parse(canonical),
            Response = response,
            ModelId = response.ModelId,
            InputTokens = response.Usage?.InputTokenCount,
            OutputTokens = response.Usage?.OutputTokenCount,
            Raw = new RawCall(raw.Url, raw.Status, raw.Attempts, AsJson(raw.RequestBody), AsJson(raw.ResponseBody)),
            RecordedAt = DateTimeOffset.UtcNow,
            ElapsedMilliseconds = clock.Elapsed.TotalMilliseconds,
        });
        _used.TryAdd(key, 0);
        return response;
    }

    /// <summary>Streaming callers get the stored (or freshly saved) reply as updates: a reply is only saved whole.</summary>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private static JsonElement? AsJson(string? body)
    {
        if (body is null)
        {
            return null;
        }
        try
        {
            return JsonElement.Parse(body);
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(body);
        }
    }

    private static string Pretty(string canonical) =>
        JsonSerializer.Serialize(JsonElement.Parse(canonical), new JsonSerializerOptions { WriteIndented = true });
}
