namespace SkillMix.OfflineWorld.Skills;

/// <summary>
/// Every skill of the offline world. Literary and rhetorical skills are the train side, as in the paper; logic, reasoning,
/// theory of mind, pragmatics and common sense are held out.
/// </summary>
public static class SkillCatalog
{
    public static IReadOnlyList<string> TrainCategories { get; } = ["literary", "rhetorical"];

    public static IReadOnlyList<SkillSpec> All { get; } =
    [
        .. LiterarySkills.All(), .. RhetoricalSkills.All(), .. LogicSkills.All(), .. ReasoningSkills.All(),
        .. TheoryOfMindSkills.All(), .. PragmaticsSkills.All(), .. CommonSenseSkills.All(),
    ];
}
