using System.Diagnostics;
using System.IO.Compression;
using SkillMix.Core;

namespace SkillMix.Steps.Verify;

/// <summary>
/// Finds the results.json a `skillmix diff` argument means: the file itself, a results folder, an experiment folder
/// (results/results.json), an experiment package (.nupkg, entry results/results.json) or a git revision (`rev:path`).
/// </summary>
internal static class ResultsSource
{
    public const string PackageEntry = "results/results.json";

    /// <summary>A local copy of the results.json (a temporary file for packages and revisions) and whether to delete it.</summary>
    public static (string Path, bool Temporary) Resolve(string argument, string repository)
    {
        if (File.Exists(argument))
        {
            return argument.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) ? (FromPackage(argument), true) : (argument, false);
        }
        if (Directory.Exists(argument))
        {
            foreach (var candidate in new[] { Path.Combine(argument, "results.json"), Path.Combine(argument, "results", "results.json") })
            {
                if (File.Exists(candidate))
                {
                    return (candidate, false);
                }
            }
            throw new SkillMixDataException(argument, null, "this folder has neither results.json nor results/results.json; build the experiment, or name its results.json.");
        }
        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            return (FromGit(argument[..colon], argument[(colon + 1)..], argument, repository), true);
        }
        throw new SkillMixDataException(argument, null,
            "no such file or folder. Give a results.json, a results or experiment folder, an experiment .nupkg, or a git revision as rev:path.");
    }

    private static string FromPackage(string package)
    {
        try
        {
            using var zip = ZipFile.OpenRead(package);
            var entry = zip.GetEntry(PackageEntry)
                ?? throw new SkillMixDataException(package, null, $"the package has no {PackageEntry}; pack the experiment after building it.");
            var temp = Path.GetTempFileName();
            entry.ExtractToFile(temp, overwrite: true);
            return temp;
        }
        catch (InvalidDataException e)
        {
            throw new SkillMixDataException(package, null, $"not a readable package ({e.Message}).");
        }
    }

    private static string FromGit(string revision, string path, string argument, string repository)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repository,
        };
        start.ArgumentList.Add("show");
        start.ArgumentList.Add($"{revision}:{path}");
        using var git = Process.Start(start) ?? throw new SkillMixDataException(argument, null, "git could not be started; is it installed?");
        var temp = Path.GetTempFileName();
        using (var target = File.Create(temp))
        {
            git.StandardOutput.BaseStream.CopyTo(target);
        }
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            File.Delete(temp);
            throw new SkillMixDataException(argument, null, $"git show {revision}:{path} failed: {error.Trim()}");
        }
        return temp;
    }
}
