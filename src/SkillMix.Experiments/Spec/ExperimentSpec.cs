namespace SkillMix.Experiments.Spec;

/// <summary>
/// Everything an experiment declares, as the MSBuild SDK reads it from the project's properties and items. The planner
/// turns it into steps; nothing here runs anything. <see cref="SecondGrader"/> (null: none) grades the evaluations'
/// samples a second time so the report can show how far two graders agree; <see cref="Cost"/> bounds and prices the calls
/// and enters no step's key.
/// </summary>
public sealed record ExperimentSpec(
    string Name,
    string ProjectFile,
    WorldSpec World,
    string Teacher,
    string Grader,
    int FilterGradings,
    StudentSpec Student,
    long Seed,
    IReadOnlyList<TrainingSetSpec> TrainingSets,
    IReadOnlyList<FineTuneSpec> FineTunes,
    IReadOnlyList<EvaluationSpec> Evaluations,
    string? SecondGrader,
    CostSpec Cost);
