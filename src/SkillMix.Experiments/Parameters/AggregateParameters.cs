namespace SkillMix.Experiments.Parameters;

/// <summary>Aggregate: the metrics of <paramref name="Model"/> in the evaluation <paramref name="Setting"/>.</summary>
public sealed record AggregateParameters(string Model, string Setting, bool NameFilter) : StepParameters;
