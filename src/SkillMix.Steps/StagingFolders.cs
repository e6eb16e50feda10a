using System.Diagnostics;
using System.Globalization;

namespace SkillMix.Steps;

/// <summary>
/// A step runs into <c>&lt;output&gt;.tmp-&lt;pid&gt;</c> and renames it into place when done, so a killed step leaves its
/// staging folder behind. The next run removes those whose process is gone; a live one may be a concurrent build's step.
/// </summary>
internal static class StagingFolders
{
    private const string Marker = ".tmp-";

    public static string For(string outputDirectory) => outputDirectory + Marker + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Removes the leftover staging folders in <paramref name="outputsFolder"/>; returns the ones removed.</summary>
    public static IReadOnlyList<string> RemoveLeftovers(string outputsFolder)
    {
        if (!Directory.Exists(outputsFolder))
        {
            return [];
        }
        var removed = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(outputsFolder))
        {
            var name = Path.GetFileName(folder);
            var at = name.LastIndexOf(Marker, StringComparison.Ordinal);
            if (at <= 0 || !int.TryParse(name.AsSpan(at + Marker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            // This process has not started a step yet when it sweeps, so a folder with its own id is a leftover too.
            if (pid != Environment.ProcessId && IsAlive(pid))
            {
                continue;
            }
            try
            {
                Directory.Delete(folder, recursive: true);
                removed.Add(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Removed meanwhile by another build's sweep, or not ours to remove: either way not worth failing a step.
            }
        }
        return removed;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
