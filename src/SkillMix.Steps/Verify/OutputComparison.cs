using SkillMix.Store;

namespace SkillMix.Steps.Verify;

/// <summary>
/// Compares a step's recomputed outputs with the ones the build used (listed in its manifest), file by file and byte for
/// byte; for a text file that differs it shows the first line that does.
/// </summary>
internal static class OutputComparison
{
    private const int SnippetLength = 160;

    /// <summary>One line per difference; empty when the outputs are identical. <paramref name="skip"/> names files not compared.</summary>
    public static IReadOnlyList<string> Compare(StepManifest expected, string usedFolder, string recomputedFolder, Func<string, bool> skip)
    {
        var differences = new List<string>();
        var recomputed = Directory.EnumerateFiles(recomputedFolder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(recomputedFolder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !skip(path))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var file in expected.Files.Where(f => !skip(f.Path)))
        {
            if (!recomputed.Remove(file.Path))
            {
                differences.Add($"'{file.Path}' was stored but the recomputed step did not write it.");
                continue;
            }
            var path = Path.Combine(recomputedFolder, file.Path);
            var hash = ContentHash.OfFile(path);
            if (hash != file.Blob)
            {
                differences.Add($"'{file.Path}' differs: stored {file.Size} bytes (sha256 {ContentHash.Short(file.Blob)}), " +
                    $"recomputed {new FileInfo(path).Length} bytes (sha256 {ContentHash.Short(hash)}){FirstDifferentLine(Path.Combine(usedFolder, file.Path), path)}.");
            }
        }
        differences.AddRange(recomputed.Order(StringComparer.Ordinal).Select(path => $"'{path}' was written by the recomputed step but is not stored."));
        return differences;
    }

    private static string FirstDifferentLine(string stored, string recomputed)
    {
        if (!File.Exists(stored) || !IsText(stored) || !IsText(recomputed))
        {
            return "";
        }
        var a = File.ReadLines(stored).GetEnumerator();
        var b = File.ReadLines(recomputed).GetEnumerator();
        for (var line = 1; ; line++)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (!hasA && !hasB)
            {
                return "";
            }
            if (!hasA || !hasB || a.Current != b.Current)
            {
                return $"; first difference at line {line}:\n    stored:     {Snippet(hasA ? a.Current : null)}\n    recomputed: {Snippet(hasB ? b.Current : null)}";
            }
        }
    }

    private static string Snippet(string? line) => line is null ? "(end of file)"
        : line.Length <= SnippetLength ? line : line[..SnippetLength] + "…";

    private static bool IsText(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".json" or ".jsonl" or ".txt" or ".md" or ".csv" or ".svg" or ".tsv";
    }
}
