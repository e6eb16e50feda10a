namespace SkillMix.Experiments.Parameters;

/// <summary>Filter: keeps the full-mark generations. It reads nothing but its inputs.</summary>
public sealed record FilterParameters : StepParameters;
