namespace SkillMix.Experiments.Parameters;

/// <summary>
/// Report: the results table, figure and provenance of the whole experiment. <paramref name="SecondGrader"/> is set only
/// when the experiment has one, so experiments without it keep their report's key.
/// </summary>
public sealed record ReportParameters(
    string Experiment,
    WorldIdentity World,
    long Seed,
    string Teacher,
    string Grader,
    string Student,
    IReadOnlyList<string> Models,
    IReadOnlyList<ReportedTrainingSet> TrainingSets,
    IReadOnlyList<ReportedEvaluation> Evaluations,
    string? SecondGrader = null) : StepParameters;
