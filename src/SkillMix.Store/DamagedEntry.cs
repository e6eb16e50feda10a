namespace SkillMix.Store;

/// <summary>
/// A store entry whose manifest could not be read (empty after a power loss, truncated, not JSON, the wrong shape). The
/// store discards it when a reader meets it, so the step that needs it runs again, and reports it through the callback
/// given to <see cref="StepStore.Open"/>.
/// </summary>
public sealed record DamagedEntry(string Key, string ManifestPath, string Problem);
