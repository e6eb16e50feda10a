using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SkillMix.Build.Tasks;

/// <summary>
/// `skillmix plan`: every planned step with its state, model calls, tokens and estimated cost, calling nothing. What it
/// prints are facts to read, not failures: a plan whose steps could not run now still plans (its lines say why); only a
/// plan that cannot be read or estimated fails the build.
/// </summary>
public sealed class SkillMixEstimate : SkillMixCliTask
{
    [Required] public string StepsDirectory { get; set; } = "";

    protected override void AppendCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("plan");
        builder.AppendFileNameIfNotNull(StepsDirectory);
    }
}
