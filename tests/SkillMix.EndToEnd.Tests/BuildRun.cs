using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SkillMix.EndToEnd.Tests;

/// <summary>One finished `dotnet` command: exit code, wall time and the whole output, and what the steps said.</summary>
public sealed partial record BuildRun(string Command, int ExitCode, TimeSpan Elapsed, string Output)
{
    /// <summary>Step ids that ran (not restored, not up to date).</summary>
    public IReadOnlyList<string> Ran => StepLines("running");

    /// <summary>Step ids restored from the store.</summary>
    public IReadOnlyList<string> Restored => StepLines("restored from store");

    /// <summary>The build's binary log, when the command wrote one.</summary>
    public string? BinaryLog { get; init; }

    /// <summary>The step targets as the binary log records them.</summary>
    public StepTargets Targets => StepTargets.Read(BinaryLog ?? throw new InvalidOperationException($"`{Command}` wrote no binary log."));

    public override string ToString() => $"`{Command}` exited {ExitCode} after {Elapsed.TotalSeconds:0.0} s. Output:\n{Output}";

    public static BuildRun Dotnet(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        Dotnet(workingDirectory, timeout, new Dictionary<string, string?>(), arguments);

    /// <summary>The same with variables set for the command only (null removes one), leaving this process's environment alone.</summary>
    public static BuildRun Dotnet(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // A build must not leave MSBuild nodes behind, nor pick up a node of another build.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new BuildRun("dotnet " + string.Join(' ', arguments), -1, clock.Elapsed, output + $"\n(killed after {timeout.TotalSeconds} s)");
        }
        process.WaitForExit();
        return new BuildRun("dotnet " + string.Join(' ', arguments), process.ExitCode, clock.Elapsed, output.ToString());
    }

    private IReadOnlyList<string> StepLines(string what) => StepLine().Matches(Output)
        .Where(m => m.Groups["what"].Value.StartsWith(what, StringComparison.Ordinal))
        .Select(m => m.Groups["id"].Value)
        .ToList();

    [GeneratedRegex(@"SkillMix: (?<id>[A-Za-z0-9_.-]+): (?<what>[^\r\n]*)")]
    private static partial Regex StepLine();
}
