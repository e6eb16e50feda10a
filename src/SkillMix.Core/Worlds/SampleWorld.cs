using System.Reflection;

namespace SkillMix.Core.Worlds;

/// <summary>
/// The sample world: the 10 skills and 10 topics that Skill-Mix made public, shipped as embedded resources in Skill-Mix's own
/// formats so that the catalog loaders are exercised by every use of the sample. The names are Skill-Mix's; the
/// definitions, examples and categories are this project's (Skill-Mix's full skill file, with its categories, is not
/// public). Split the paper's way: literary and rhetorical skills on the train side, topics 50/50 by seed.
/// </summary>
public static class SampleWorld
{
    public const string Name = "skillmix-sample";

    public const string SkillsResource = "SkillMix.Core.Worlds.Sample.skills.csv";
    public const string TopicsResource = "SkillMix.Core.Worlds.Sample.topics.txt";

    public static World Load(string trainCategories = SkillMixCatalog.DefaultTrainCategories,
        long topicSplitSeed = SkillMixCatalog.DefaultTopicSplitSeed)
    {
        using var skillText = Open(SkillsResource);
        using var topicText = Open(TopicsResource);
        var skills = SkillCsv.Read(skillText, SkillsResource);
        var topics = TopicList.Read(topicText, TopicsResource);
        return SkillMixCatalog.Create(Name, SkillsResource, skills, topics, trainCategories, topicSplitSeed);
    }

    /// <summary>The embedded text of one of the sample's files (to copy it out as a starting point).</summary>
    public static string ReadResource(string resource)
    {
        using var reader = Open(resource);
        return reader.ReadToEnd();
    }

    private static StreamReader Open(string resource) =>
        new(typeof(SampleWorld).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource '{resource}' is missing from {Assembly.GetExecutingAssembly().GetName().Name}."));
}
