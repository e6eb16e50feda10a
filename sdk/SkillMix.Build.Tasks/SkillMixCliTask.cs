using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using SkillMix.Experiments.Spec;

namespace SkillMix.Build.Tasks;

/// <summary>
/// Every call of the skillmix CLI goes through here: how to start it (an assembly run by the dotnet that runs the build,
/// or an executable), the store and the environment, all from one item the SDK defines once (<c>_SkillMixCli</c>). A
/// subclass adds its command and arguments. The CLI prints errors and warnings in MSBuild's canonical format, which
/// ToolTask turns into MSBuild errors and warnings with file and line; everything else is shown at normal verbosity.
/// </summary>
public abstract class SkillMixCliTask : ToolTask
{
    /// <summary>
    /// The CLI: the item is its path; metadata Store (empty lets the CLI choose: $SKILLMIX_STORE, else the user cache),
    /// Environment (NAME=value pairs, ';'-separated) and whatever a subclass reads (the remote cache's settings).
    /// </summary>
    [Required] public ITaskItem Cli { get; set; } = null!;

    protected override string ToolName => "skillmix";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    private bool IsAssembly => Cli.ItemSpec.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>A setting of the CLI item; empty when not set.</summary>
    protected string Setting(string name) => Cli.GetMetadata(name);

    /// <summary>The command and its arguments, after the CLI's path.</summary>
    protected abstract void AppendCommand(CommandLineBuilder builder);

    public override bool Execute()
    {
        var environment = Setting("Environment").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        EnvironmentVariables = [.. EnvironmentVariables ?? [], .. environment];
        return base.Execute();
    }

    // MSBuild sets DOTNET_HOST_PATH for tasks to the dotnet that runs the build.
    protected override string GenerateFullPathToTool() => IsAssembly
        ? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet"
        : Cli.ItemSpec;

    protected sealed override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        if (IsAssembly)
        {
            builder.AppendFileNameIfNotNull(Cli.ItemSpec);
        }
        AppendCommand(builder);
        AppendIfSet(builder, "--store ", Setting("Store"));
        return builder.ToString();
    }

    protected override bool ValidateParameters()
    {
        if (!File.Exists(Cli.ItemSpec))
        {
            Log.LogError(null, ErrorCodes.CliNotFound, null, null, 0, 0, 0, 0,
                $"The skillmix CLI was not found at '{Cli.ItemSpec}'. Set SkillMixCliPath, or restore the SkillMix.Sdk package again.");
            return false;
        }
        return true;
    }

    protected static void AppendIfSet(CommandLineBuilder builder, string option, string value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            builder.AppendSwitchIfNotNull(option, value);
        }
    }
}
