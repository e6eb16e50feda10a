namespace SkillMix.Models.Backends;

/// <summary>
/// How failed attempts are retried. Only 408, 429, 5xx, timeouts, dropped connections and malformed replies are retried;
/// a server's Retry-After or retry-after-ms wins over the computed backoff.
/// </summary>
public sealed record RetrySettings
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>The first backoff; each retry doubles it, with jitter, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest computed backoff. A server's own Retry-After may ask for longer, up to <see cref="MaxServerDelay"/>.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest wait accepted from a server's Retry-After; a longer request fails the call instead.</summary>
    public TimeSpan MaxServerDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Time allowed for one attempt, from sending the request to the last byte of the reply. Long generations take minutes,
    /// so the default is well above HttpClient's 100 s.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
