namespace SkillMix.Cli.Steps;

/// <summary>Every step implementation, one per <see cref="Experiments.Planning.StepKind"/>.</summary>
internal static class StepCatalog
{
    public static IReadOnlyList<IStep> All() =>
    [
    ];
}
