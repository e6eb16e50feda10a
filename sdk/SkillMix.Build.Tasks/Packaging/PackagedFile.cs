namespace SkillMix.Build.Tasks.Packaging;

/// <summary>
/// One file of an experiment package, as its index lists it: the path under skillmix/ ('/'-separated), size and SHA-256 of
/// the whole file, and, for a file too large for one package entry, the parts it was cut into, in order.
/// </summary>
public sealed record PackagedFile(string Path, long Size, string Sha256, IReadOnlyList<PackagedPart> Parts);

/// <summary>One part of a split file: its own entry path, size and SHA-256.</summary>
public sealed record PackagedPart(string Path, long Size, string Sha256);
