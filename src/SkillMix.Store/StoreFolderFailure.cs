namespace SkillMix.Store;

/// <summary>
/// Turns a file-system failure inside the store's folder (a file where the folder should be, no permission to write, a
/// full disk) into a <see cref="StoreException"/> that names the folder, the settings that choose it and what to do.
/// </summary>
public static class StoreFolderFailure
{
    // ENOSPC on Linux and macOS; ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows. .NET keeps the native code in HResult.
    private static readonly int[] s_diskFullCodes = [28, 0x27, 0x70];

    private static readonly string s_elsewhere =
        $"point the MSBuild property SkillMixStore (or the environment variable {StoreLocation.EnvironmentVariable}, or --store)";

    internal static bool IsFileSystemFailure(Exception e) =>
        e is UnauthorizedAccessException || (e is IOException and not FileNotFoundException);

    /// <summary>True for "no space left on device", whatever the operating system.</summary>
    public static bool IsDiskFull(Exception e) => e is IOException && s_diskFullCodes.Contains(e.HResult & 0xFFFF);

    /// <summary>The store cannot be used at all: <paramref name="root"/> (or a folder above it) is a file, or cannot be created or written.</summary>
    internal static StoreException Unusable(string root, Exception e) => new(
        FileOnTheWay(root) is { } file
            ? $"The step store {root} cannot be a folder: {file} is a file. Move the file away, or {s_elsewhere} at a folder."
            : IsDiskFull(e)
                ? $"The step store {root} cannot be written: the disk is full ({e.Message}). Free space there (`skillmix cache prune " +
                  $"--max-size 10G` removes the least recently used entries), or {s_elsewhere} at another disk."
                : $"The step store {root} cannot be created or written ({e.Message}). Make the folder writable by you, or {s_elsewhere} " +
                  "at a folder you can write to.",
        e);

    /// <summary>Saving a step failed part-way; what was written is temporary or complete, never a half entry.</summary>
    internal static StoreException SaveFailed(string root, string step, Exception e) => new(
        IsDiskFull(e)
            ? $"Cannot save step {step} to the step store {root}: the disk is full ({e.Message}). Free space there (`skillmix cache " +
              $"prune --max-size 10G` removes the least recently used entries), or {s_elsewhere} at another disk; then build again " +
              "(finished steps are kept)."
            : $"Cannot save step {step} to the step store {root} ({e.Message}). Make the folder writable by you, or {s_elsewhere} " +
              "at a folder you can write to; then build again.",
        e);

    private static string? FileOnTheWay(string root)
    {
        for (var path = root; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }
}
