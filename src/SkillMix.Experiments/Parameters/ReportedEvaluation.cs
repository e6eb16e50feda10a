namespace SkillMix.Experiments.Parameters;

/// <summary>An evaluation setting as the report lists it.</summary>
public sealed record ReportedEvaluation(
    string Name,
    string Skills,
    string Topics,
    IReadOnlyList<int> K,
    int Combinations,
    int Generations,
    int Gradings);
