using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillMix.Models.Backends;

namespace SkillMix.Models.Limits;

/// <summary>
/// Holds calls back so a backend's quotas are respected before the provider has to refuse: at most N in flight, and
/// requests and tokens per minute as token buckets refilled every second (so a burst never exceeds one second's share).
/// Share one instance among every caller of the same backend: limits are per instance.
/// </summary>
public sealed class CallLimitsChatClient : DelegatingChatClient
{
    private static readonly TimeSpan s_refill = TimeSpan.FromSeconds(1);

    // Waits shorter than this are the buckets' ordinary pacing; longer ones are worth a line in the build output.
    private static readonly TimeSpan s_noticeableWait = TimeSpan.FromSeconds(2);

    private readonly ConcurrencyLimiter? _concurrency;
    private readonly TokenBucketRateLimiter? _requests;
    private readonly TokenBucketRateLimiter? _tokens;
    private readonly int _tokenCapacity;
    private readonly int _defaultMaxOutputTokens;
    private readonly CallLimits _limits;
    private readonly ILogger _logger;

    /// <summary>Limits calls to <paramref name="innerClient"/>; <paramref name="logger"/> is told of every call held back noticeably by the per-minute limits (not by concurrency).</summary>
    public CallLimitsChatClient(IChatClient innerClient, CallLimits limits, int defaultMaxOutputTokens = 1024, ILogger? logger = null)
        : base(innerClient)
    {
        _defaultMaxOutputTokens = defaultMaxOutputTokens;
        _limits = limits;
        _logger = logger ?? NullLogger.Instance;
        if (limits.MaxConcurrency > 0)
        {
            _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.MaxConcurrency,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
        if (limits.RequestsPerMinute > 0)
        {
            _requests = PerSecondBucket(limits.RequestsPerMinute);
        }
        if (limits.TokensPerMinute > 0)
        {
            _tokens = PerSecondBucket(limits.TokensPerMinute);
            _tokenCapacity = PerSecond(limits.TokensPerMinute);
        }
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        using var permits = await AcquireAsync(list, options, cancellationToken).ConfigureAwait(false);
        return await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        using var permits = await AcquireAsync(list, options, cancellationToken).ConfigureAwait(false);
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _concurrency?.Dispose();
            _requests?.Dispose();
            _tokens?.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task<Permits> AcquireAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var permits = new Permits();
        try
        {
            var clock = Stopwatch.StartNew();
            if (_requests is not null)
            {
                permits.Add(await _requests.AcquireAsync(1, cancellationToken).ConfigureAwait(false));
            }
            if (_tokens is not null)
            {
                var tokens = TokenEstimate.Input(messages, options) + TokenEstimate.MaxOutput(options, _defaultMaxOutputTokens);
                // A call larger than one second's share waits for a full bucket rather than failing.
                permits.Add(await _tokens.AcquireAsync(Math.Min(tokens, _tokenCapacity), cancellationToken).ConfigureAwait(false));
            }
            if (clock.Elapsed >= s_noticeableWait)
            {
                _logger.LogInformation("a call waited {Seconds:0.0} s for the per-minute limits (Limits.RequestsPerMinute {Rpm}, Limits.TokensPerMinute {Tpm}; 0 = none)",
                    clock.Elapsed.TotalSeconds, _limits.RequestsPerMinute, _limits.TokensPerMinute);
            }
            if (_concurrency is not null)
            {
                permits.Add(await _concurrency.AcquireAsync(1, cancellationToken).ConfigureAwait(false));
            }
            return permits;
        }
        catch
        {
            permits.Dispose();
            throw;
        }
    }

    private static int PerSecond(int perMinute) => Math.Max(1, (perMinute + 59) / 60);

    private static TokenBucketRateLimiter PerSecondBucket(int perMinute) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = PerSecond(perMinute),
        TokensPerPeriod = PerSecond(perMinute),
        ReplenishmentPeriod = s_refill,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    private sealed class Permits : IDisposable
    {
        private readonly List<RateLimitLease> _leases = new(3);

        public void Add(RateLimitLease lease)
        {
            _leases.Add(lease);
            if (!lease.IsAcquired)
            {
                throw new InvalidOperationException("A call limit refused a permit: the queue of waiting calls is full.");
            }
        }

        public void Dispose()
        {
            foreach (var lease in _leases)
            {
                lease.Dispose();
            }
        }
    }
}
