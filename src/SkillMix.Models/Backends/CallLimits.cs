namespace SkillMix.Models.Backends;

/// <summary>What one backend may be asked at once and per minute. Zero means no limit of that kind.</summary>
public sealed record CallLimits
{
    /// <summary>Calls in flight at the same time.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Calls started per minute (the provider's RPM quota).</summary>
    public int RequestsPerMinute { get; init; }

    /// <summary>Tokens per minute (the provider's TPM quota), counted as estimated input plus the output cap of each call.</summary>
    public int TokensPerMinute { get; init; }
}
