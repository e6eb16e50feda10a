namespace SkillMix.FakeModelServer;

/// <summary>One scripted misbehaviour, consumed by the next request.</summary>
public sealed record FakeFault(FakeFaultKind Kind)
{
    public int StatusCode { get; init; } = 200;

    /// <summary>The error body; the server's usual {"error": {...}} shape when null.</summary>
    public string? Body { get; init; }

    /// <summary>Sent as the Retry-After header (whole seconds).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Sent as the retry-after-ms header.</summary>
    public int? RetryAfterMilliseconds { get; init; }

    public TimeSpan Delay { get; init; }

    public static FakeFault TooManyRequests(int? retryAfterSeconds = null, int? retryAfterMilliseconds = null) =>
        new(FakeFaultKind.Status) { StatusCode = 429, RetryAfterSeconds = retryAfterSeconds, RetryAfterMilliseconds = retryAfterMilliseconds };

    public static FakeFault InsufficientQuota() => new(FakeFaultKind.Status)
    {
        StatusCode = 429,
        Body = """{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}}""",
    };

    public static FakeFault ServerError(int statusCode = 500) => new(FakeFaultKind.Status) { StatusCode = statusCode };

    public static FakeFault Slow(TimeSpan delay) => new(FakeFaultKind.Slow) { Delay = delay };

    public static FakeFault Malformed() => new(FakeFaultKind.MalformedJson);

    public static FakeFault Reset() => new(FakeFaultKind.ConnectionReset);
}
