namespace SkillMix.Store;

/// <summary>One manifest in the store as a listing shows it; an unreadable manifest has a <see cref="Problem"/> instead.</summary>
public sealed record StoreEntry(string Key, StepManifest? Manifest, DateTimeOffset LastUsedUtc, string? Problem)
{
    public string Kind => Manifest?.Definition.Kind ?? "?";

    public long Size => Manifest?.TotalSize ?? 0;
}
