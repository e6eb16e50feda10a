namespace SkillMix.Training.Checkpoints;

/// <summary>
/// Writes a whole folder so that readers see the old folder or the complete new one, never a half-written one: the files go
/// into a hidden sibling folder (same volume, so renames are atomic), which then takes the target's place.
/// </summary>
public static class StagedFolder
{
    public static void Write(string folder, Action<string> write)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.staging-{Guid.NewGuid():N}");
        var old = Path.Combine(parent, $".{Path.GetFileName(full)}.old-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            write(staging);
            // Two renames: between them the target does not exist, which a reader sees as "not written yet", never as half.
            if (Directory.Exists(full))
            {
                Directory.Move(full, old);
            }
            Directory.Move(staging, full);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }
        }
    }
}
