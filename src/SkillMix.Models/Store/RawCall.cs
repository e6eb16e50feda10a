using System.Text.Json;

namespace SkillMix.Models.Store;

/// <summary>What went over the wire for a stored call: URL (without query), status and both bodies; never headers.</summary>
public sealed record RawCall(string? Url, int? Status, int Attempts, JsonElement? Request, JsonElement? Response);
