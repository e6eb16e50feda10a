using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkillMix.Models.Store;

/// <summary>One stored model call: the canonical request it answers, the reply, the exact model id and the usage.</summary>
public sealed record CallRecord
{
    public required string Key { get; init; }

    /// <summary>The canonical request whose SHA-256 is <see cref="Key"/>.</summary>
    public required JsonElement Request { get; init; }

    public required ChatResponse Response { get; init; }

    /// <summary>The model id the API reported (a dated snapshot), not merely the one asked for.</summary>
    public string? ModelId { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public RawCall? Raw { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public double ElapsedMilliseconds { get; init; }
}
