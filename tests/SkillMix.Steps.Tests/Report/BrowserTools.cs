using System.Diagnostics;

namespace SkillMix.Steps.Tests.Report;

/// <summary>Where the browser tests' tools are, and the node script runner.</summary>
internal static class BrowserTools
{
    public static string Chromium => Environment.GetEnvironmentVariable("SKILLMIX_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>tests/SkillMix.Report.BrowserTests, found from the test assembly's folder upwards; null outside a clone.</summary>
    public static string? ScriptsFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "SkillMix.Report.BrowserTests");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
            return null;
        }
    }

    public static string? MissingReason()
    {
        if (!File.Exists(Chromium))
        {
            return $"chromium is not installed at {Chromium} (apt-get install chromium, or set SKILLMIX_CHROMIUM); .ci/run installs it.";
        }
        if (ScriptsFolder is not { } scripts)
        {
            return "tests/SkillMix.Report.BrowserTests was not found above the test assembly.";
        }
        if (!Directory.Exists(Path.Combine(scripts, "node_modules", "playwright-core")))
        {
            return $"playwright-core is not installed: run `npm ci` in {scripts}; .ci/run does.";
        }
        if (FindNode() is null)
        {
            return "node is not on PATH.";
        }
        return null;
    }

    public static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a script of the browser tests' folder and returns its exit code and outputs.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(FindNode()!)
        {
            WorkingDirectory = ScriptsFolder!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
