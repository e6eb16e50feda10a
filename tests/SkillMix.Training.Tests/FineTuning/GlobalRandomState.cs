namespace SkillMix.Training.Tests.FineTuning;

/// <summary>Tests that seed libtorch's process-wide random generator (dropout draws from it) run alone: another test
/// drawing from it at the same time would change their masks.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRandomState
{
    public const string Name = "libtorch's global random state";
}
