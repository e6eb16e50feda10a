using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SkillMix.Build.Tasks;

/// <summary>
/// `skillmix step check`, the preflight: before the first step, every step that will run is checked for what would stop
/// it (a key not set, a student this version cannot run, a price file that cannot be read). The CLI prints each problem
/// as an MSBuild error; a failed check adds one line saying that nothing ran and how to plan without running.
/// </summary>
public sealed class SkillMixCheckSteps : SkillMixCliTask
{
    [Required] public ITaskItem[] StepFiles { get; set; } = [];

    protected override void AppendCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("step");
        builder.AppendSwitch("check");
        builder.AppendFileNamesIfNotNull(StepFiles, " ");
    }

    protected override bool HandleTaskExecutionErrors()
    {
        Log.LogError("SkillMix: no step was run. Fix the errors above, or plan the experiment without running anything: -p:SkillMixMode=plan.");
        return false;
    }
}
