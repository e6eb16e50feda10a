using System.Text;

namespace SkillMix.Core.Text;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a half-written file: the text
/// goes to a temporary file in the same folder (same volume, so the rename is atomic), which then replaces the target.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, Action<TextWriter> write) => WriteStream(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8NoBom, leaveOpen: true);
        writer.NewLine = "\n";
        write(writer);
    });

    public static void WriteAllText(string path, string text) => Write(path, w => w.Write(text));

    public static void WriteAllBytes(string path, byte[] bytes) => WriteStream(path, stream => stream.Write(bytes));

    private static void WriteStream(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            // After a successful move the temporary file no longer exists; after a failure it must not be left behind.
            File.Delete(temp);
        }
    }
}
