using System.Globalization;
using System.Net.Http.Headers;
using SkillMix.Models.Backends;

namespace SkillMix.Models.Http;

/// <summary>How long to wait before a retry: the server's own hint when it gives one, else exponential backoff with jitter.</summary>
internal static class RetryDelay
{
    /// <summary>The server's hint: retry-after-ms (OpenAI, Azure) first, then Retry-After in seconds or as a date.</summary>
    public static TimeSpan? FromServer(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }
        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>
    /// Exponential backoff for retry number <paramref name="retry"/> (0 for the first), "equal jitter": half the delay is
    /// fixed and half is random, so many clients that failed together do not retry together.
    /// </summary>
    public static TimeSpan Backoff(int retry, RetrySettings settings, double random01)
    {
        var exponential = settings.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(exponential, settings.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + (capped / 2 * random01));
    }
}
