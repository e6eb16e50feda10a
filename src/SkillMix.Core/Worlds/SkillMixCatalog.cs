namespace SkillMix.Core.Worlds;

/// <summary>
/// Builds a world from catalogs in Skill-Mix's own formats: a skill CSV (<see cref="SkillCsv"/>) and a topic list
/// (<see cref="TopicList"/>). Skills are split by category and topics by a seeded 50/50 shuffle, as in the paper.
/// </summary>
public static class SkillMixCatalog
{
    /// <summary>The paper's split: the literary and rhetorical skills (53 of 101) are the train side.</summary>
    public const string DefaultTrainCategories = "literary;rhetorical";

    /// <summary>The seed of the topic split when none is given. The paper's own split of its topics is not published.</summary>
    public const long DefaultTopicSplitSeed = 0;

    public static World Load(string skillCsvPath, string topicListPath, string? name = null,
        string trainCategories = DefaultTrainCategories, long topicSplitSeed = DefaultTopicSplitSeed) =>
        Create(name ?? Path.GetFileNameWithoutExtension(skillCsvPath), skillCsvPath, SkillCsv.ReadFile(skillCsvPath),
            TopicList.ReadFile(topicListPath), trainCategories, topicSplitSeed);

    /// <summary>Splits skills and topics already read; <paramref name="source"/> names them in errors about the split.</summary>
    public static World Create(string name, string source, IReadOnlyList<Skill> skills, IReadOnlyList<string> topics,
        string trainCategories = DefaultTrainCategories, long topicSplitSeed = DefaultTopicSplitSeed)
    {
        var categories = ParseCategories(trainCategories);
        if (categories.Count == 0)
        {
            throw new SkillMixDataException(source, null,
                "no train categories were given; name at least one, separated by ';' (the paper's: literary;rhetorical).");
        }
        try
        {
            return World.Create(name, skills, topics, categories, topicSplitSeed);
        }
        catch (ArgumentException e)
        {
            throw new SkillMixDataException(source, null, e.Message, e);
        }
    }

    /// <summary>Reads "literary;rhetorical" (also with commas), trimmed, empty entries ignored.</summary>
    public static IReadOnlyList<string> ParseCategories(string text) =>
        text.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
