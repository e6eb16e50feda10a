using SkillMix.Experiments.Parameters;

namespace SkillMix.Experiments.Planning;

/// <summary>
/// One step of an experiment: what kind it is, the parameters it reads (and only those), and the steps whose outputs it
/// takes as inputs, by input name. Its key is derived from all of that and the keys of its inputs.
/// </summary>
public sealed record PlannedStep(string Id, string Kind, StepParameters Parameters, IReadOnlyDictionary<string, string> Inputs)
{
    public string CodeVersion => StepKind.CodeVersion(Kind);
}
