namespace SkillMix.Build.Tasks.Packaging;

/// <summary>
/// What importing a package's call records did: keys written into the call store, keys it already held with the same
/// bytes, and keys it held with a different record, which was kept.
/// </summary>
public sealed record CallImport(IReadOnlyList<string> Imported, IReadOnlyList<string> AlreadyStored, IReadOnlyList<string> KeptLocal)
{
    public static CallImport None { get; } = new([], [], []);
}
