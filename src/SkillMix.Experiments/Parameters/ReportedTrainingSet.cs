namespace SkillMix.Experiments.Parameters;

/// <summary>A training set as the report lists it.</summary>
public sealed record ReportedTrainingSet(string Name, int K, int Attempts);
