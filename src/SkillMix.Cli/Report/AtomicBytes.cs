namespace SkillMix.Cli.Report;

/// <summary>
/// Writes binary content the way Core's AtomicFile writes text: to a temporary file in the same folder, then renamed over
/// the target, so a reader never sees half an image.
/// </summary>
internal static class AtomicBytes
{
    public static void Write(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
