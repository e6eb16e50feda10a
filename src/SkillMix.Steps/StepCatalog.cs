using SkillMix.Experiments.Planning;

namespace SkillMix.Steps;

/// <summary>Every step implementation, one per <see cref="StepKind"/>.</summary>
internal static class StepCatalog
{
    public static IReadOnlyList<IStep> All() =>
    [
        new GenerateStep(),
        new GradeStep(StepKind.GradeGenerations, "generations"),
        new FilterStep(),
        new PretrainStep(),
        new TrainStep(),
        new SampleStep(),
        new GradeStep(StepKind.GradeSamples, "samples"),
        new AggregateStep(),
        new ReportStep(),
    ];
}
