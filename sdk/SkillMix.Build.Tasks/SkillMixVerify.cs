using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SkillMix.Build.Tasks;

/// <summary>
/// `skillmix verify` on a built experiment. The CLI prints each difference as an error line in the canonical format,
/// naming the step and file or the results cell, which ToolTask turns into MSBuild errors.
/// </summary>
public sealed class SkillMixVerify : SkillMixCliTask
{
    [Required] public string StepsDirectory { get; set; } = "";

    [Required] public string ProjectFile { get; set; } = "";

    /// <summary>Fraction of steps recomputed (0 to 1).</summary>
    public string Sample { get; set; } = "";

    public string Seed { get; set; } = "";

    /// <summary>Step kinds always recomputed, ';'-separated.</summary>
    public string Kinds { get; set; } = "";

    public string ExpectedResults { get; set; } = "";

    public string Results { get; set; } = "";

    public string Tolerance { get; set; } = "";

    protected override void AppendCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("verify");
        builder.AppendFileNameIfNotNull(StepsDirectory);
        builder.AppendSwitchIfNotNull("--project ", ProjectFile);
        AppendIfSet(builder, "--sample ", Sample);
        AppendIfSet(builder, "--seed ", Seed);
        AppendIfSet(builder, "--kinds ", Kinds);
        AppendIfSet(builder, "--expected ", ExpectedResults);
        AppendIfSet(builder, "--results ", Results);
        AppendIfSet(builder, "--tolerance ", Tolerance);
    }
}
