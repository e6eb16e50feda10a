namespace SkillMix.Core.Metrics;

/// <summary>How graded records become metrics.</summary>
/// <param name="NameFilter">Skill-Mix's harder variant: a skill point is withdrawn when the answer names the skill.</param>
/// <param name="Reparse">Read the points again from the raw grader reply instead of using the stored points.</param>
/// <param name="Resamples">Bootstrap resamples per cell.</param>
/// <param name="Seed">Seed of the bootstrap draws.</param>
public sealed record AggregateOptions(
    bool NameFilter = false,
    bool Reparse = false,
    int Resamples = Bootstrap.DefaultResamples,
    long Seed = Bootstrap.DefaultSeed);
