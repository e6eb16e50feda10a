using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SkillMix.Build.Tasks;

/// <summary>
/// Runs `skillmix verify` on a built experiment. The CLI prints each difference as an error line in the canonical format,
/// naming the step and file or the results cell, which ToolTask turns into MSBuild errors.
/// </summary>
public sealed class SkillMixVerify : ToolTask
{
    [Required] public string StepsDirectory { get; set; } = "";

    [Required] public string CliPath { get; set; } = "";

    [Required] public string ProjectFile { get; set; } = "";

    public string Store { get; set; } = "";

    /// <summary>Fraction of steps recomputed (0 to 1).</summary>
    public string Sample { get; set; } = "";

    public string Seed { get; set; } = "";

    /// <summary>Step kinds always recomputed, ';'-separated.</summary>
    public string Kinds { get; set; } = "";

    public string ExpectedResults { get; set; } = "";

    public string Results { get; set; } = "";

    public string Tolerance { get; set; } = "";

    protected override string ToolName => "skillmix";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    protected override string GenerateFullPathToTool() =>
        CliPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            : CliPath;

    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        if (CliPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            builder.AppendFileNameIfNotNull(CliPath);
        }
        builder.AppendSwitch("verify");
        builder.AppendFileNameIfNotNull(StepsDirectory);
        builder.AppendSwitchIfNotNull("--project ", ProjectFile);
        Append(builder, "--store ", Store);
        Append(builder, "--sample ", Sample);
        Append(builder, "--seed ", Seed);
        Append(builder, "--kinds ", Kinds);
        Append(builder, "--expected ", ExpectedResults);
        Append(builder, "--results ", Results);
        Append(builder, "--tolerance ", Tolerance);
        return builder.ToString();
    }

    private static void Append(CommandLineBuilder builder, string name, string value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            builder.AppendSwitchIfNotNull(name, value);
        }
    }
}
