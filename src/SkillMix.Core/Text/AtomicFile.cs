using System.Security.Cryptography;
using System.Text;

namespace SkillMix.Core.Text;

/// <summary>
/// Files that are never half-written under their final name: content goes to a temporary file in the destination's own
/// folder (same volume, so the rename is atomic), which then replaces the target. Readers open files allowing concurrent
/// deletes and renames, so another process may replace or remove them meanwhile. The one implementation for the whole
/// solution: records, results, plans, the call store and the step store.
/// </summary>
public static class AtomicFile
{
    /// <summary>Temporary files start with a dot and end with this, so listings skip them and prune can clear leftovers.</summary>
    public const string TempSuffix = ".tmp";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static string TempPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TempSuffix}");

    public static bool IsTemp(string path) =>
        Path.GetFileName(path).StartsWith('.') && path.EndsWith(TempSuffix, StringComparison.Ordinal);

    public static void Write(string path, Action<TextWriter> write) => WriteStream(path, flush: true, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8NoBom, leaveOpen: true);
        writer.NewLine = "\n";
        write(writer);
    });

    /// <summary>Writes UTF-8 text (no byte-order mark) to a temporary file, then renames it over <paramref name="path"/>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="text">Its whole content.</param>
    /// <param name="flush">
    /// Whether the content reaches the disk before the rename. The step store passes false: after a power loss a manifest
    /// may come back empty, which reads as damaged and is discarded (the step runs again), since its content is never
    /// trusted without its hash; syncing every manifest cost about 40 ms a save (docs/store.md).
    /// </param>
    public static void WriteAllText(string path, string text, bool flush = true) =>
        WriteStream(path, flush, stream => stream.Write(Utf8NoBom.GetBytes(text)));

    public static void WriteAllBytes(string path, byte[] bytes) => WriteStream(path, flush: true, stream => stream.Write(bytes));

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);

    public static string ReadAllText(string path)
    {
        using var stream = OpenRead(path);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Copies a stream into a new temporary file beside <paramref name="finalPath"/>, hashing what it writes.</summary>
    public static (string TempPath, string Hash, long Size) CopyToTemp(Stream source, string finalPath)
    {
        var temp = TempPathFor(finalPath);
        try
        {
            using var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            long size = 0;
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
                size += read;
            }
            return (temp, Convert.ToHexStringLower(sha.GetHashAndReset()), size);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    /// <summary>Sets a file's modification time to now, creating it empty if needed: a cheap "last used" mark.</summary>
    public static void Touch(string path)
    {
        try
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
            }
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The mark only orders entries for pruning; a store on a read-only or contended disk still restores.
            System.Diagnostics.Trace.TraceWarning($"Could not mark {path} as used: {e.Message}");
        }
    }

    /// <summary>Deletes a file if it exists; a file already removed by another process is not an error.</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Its folder is gone too, so the file is.
        }
    }

    private static void WriteStream(string path, bool flush, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = TempPathFor(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: flush);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            // After a successful move the temporary file no longer exists; after a failure it must not be left behind.
            DeleteQuietly(temp);
        }
    }
}
