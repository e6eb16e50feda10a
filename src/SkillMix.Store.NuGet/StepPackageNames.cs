using NuGet.Versioning;

namespace SkillMix.Store.NuGet;

/// <summary>
/// How a step entry is named on a feed. The id carries the whole key (14 + 64 characters, within NuGet's 100), so one id
/// is one immutable entry and needs one version only; a key prefix would risk two entries under one id. Parts beyond the
/// first (an entry larger than the package cap) get a suffix.
/// </summary>
public static class StepPackageNames
{
    public const string Prefix = "SkillMix.Step.";

    /// <summary>Every entry is version 1.0.0: its content never changes, since the key names it.</summary>
    public static NuGetVersion Version { get; } = new(1, 0, 0);

    /// <summary>Part 1 holds the manifest and the chunk list; it is pushed last, so a reader that finds it finds the rest.</summary>
    public static string Id(string key, int part = 1) => part == 1 ? Prefix + key : $"{Prefix}{key}.part{part}";
}
