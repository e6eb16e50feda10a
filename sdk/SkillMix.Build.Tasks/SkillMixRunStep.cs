using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using SkillMix.Experiments.Spec;

namespace SkillMix.Build.Tasks;

/// <summary>
/// Runs `skillmix step run` on a batch of step files. The CLI restores each step from the store or runs it, and prints
/// errors in the canonical format, which ToolTask turns into MSBuild errors with file and line.
/// </summary>
public sealed class SkillMixRunStep : ToolTask
{
    [Required] public ITaskItem[] StepFiles { get; set; } = [];

    /// <summary>The skillmix CLI: an assembly (run with dotnet) or an executable.</summary>
    [Required] public string CliPath { get; set; } = "";

    /// <summary>The step store; empty lets the CLI choose ($SKILLMIX_STORE, else the user cache folder).</summary>
    public string Store { get; set; } = "";

    /// <summary>A NuGet feed (folder or HTTP v3 index) used as a remote step cache; empty: none.</summary>
    public string RemoteCache { get; set; } = "";

    /// <summary>Push steps that ran to <see cref="RemoteCache"/>.</summary>
    public bool RemoteCachePush { get; set; }

    /// <summary>The largest package pushed (e.g. 200M); larger entries are split.</summary>
    public string RemoteCacheMaxPackageSize { get; set; } = "";

    protected override string ToolName => "skillmix";

    // Step progress is the point of the build output: show it at normal verbosity.
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    protected override string GenerateFullPathToTool() =>
        CliPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? DotnetHost() : CliPath;

    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        if (CliPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            builder.AppendFileNameIfNotNull(CliPath);
        }
        builder.AppendSwitch("step");
        builder.AppendSwitch("run");
        builder.AppendFileNamesIfNotNull(StepFiles, " ");
        if (!string.IsNullOrWhiteSpace(Store))
        {
            builder.AppendSwitchIfNotNull("--store ", Store);
        }
        if (!string.IsNullOrWhiteSpace(RemoteCache))
        {
            builder.AppendSwitchIfNotNull("--remote-cache ", RemoteCache);
            if (RemoteCachePush)
            {
                builder.AppendSwitch("--remote-cache-push");
            }
            if (!string.IsNullOrWhiteSpace(RemoteCacheMaxPackageSize))
            {
                builder.AppendSwitchIfNotNull("--remote-cache-max-package ", RemoteCacheMaxPackageSize);
            }
        }
        return builder.ToString();
    }

    protected override bool ValidateParameters()
    {
        if (!File.Exists(CliPath))
        {
            Log.LogError(null, ErrorCodes.CliNotFound, null, null, 0, 0, 0, 0,
                $"The skillmix CLI was not found at '{CliPath}'. Set SkillMixCliPath, or restore the SkillMix.Sdk package again.");
            return false;
        }
        return true;
    }

    // MSBuild sets DOTNET_HOST_PATH for tasks to the dotnet that runs the build.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
