using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld.Grading;
using SkillMix.OfflineWorld.Language;
using SkillMix.OfflineWorld.Skills;
using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.OfflineWorld;

/// <summary>
/// The offline world: a closed language in which every skill is checked by code. It offers a Core <see cref="World"/>
/// (skills split by category, literary and rhetorical on the train side; topics split 50/50), a teacher that writes texts
/// composing skills, and a grader that checks them.
/// </summary>
public sealed class CheckableWorld
{
    public const string Name = "offline";

    private readonly Dictionary<string, SkillSpec> _skills;
    private readonly Dictionary<string, TopicVocabulary> _topics;

    private CheckableWorld(IReadOnlyList<SkillSpec> skills, IReadOnlyList<TopicVocabulary> topics, long topicSplitSeed)
    {
        Skills = skills;
        Topics = topics;
        _skills = skills.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _topics = topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var trainCategories = SkillCatalog.TrainCategories.Where(c => skills.Any(s => s.Category == c)).ToList();
        World = World.Create(Name, skills.Select(s => s.ToSkill()).ToList(), topics.Select(t => t.Name).ToList(),
            trainCategories, topicSplitSeed);
    }

    /// <summary>The whole world: every skill and topic, the default topic split.</summary>
    public static CheckableWorld Default { get; } = Create(OfflineWorldOptions.Default);

    public World World { get; }

    public IReadOnlyList<SkillSpec> Skills { get; }

    public IReadOnlyList<TopicVocabulary> Topics { get; }

    public static CheckableWorld Create(OfflineWorldOptions options)
    {
        var skills = Select(SkillCatalog.All, options.Skills, s => s.Name, "skill");
        var topics = Select(TopicCatalog.All, options.Topics, t => t.Name, "topic");
        if (options.TopicCount is { } count)
        {
            if (count < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(options), count,
                    "OfflineWorldOptions.TopicCount must be at least 2, so that each side of the topic split has a topic.");
            }
            topics = topics.Take(count).ToList();
        }
        return new CheckableWorld(skills, topics, options.TopicSplitSeed);
    }

    public bool TryGetSkill(string name, out SkillSpec skill) => _skills.TryGetValue(name, out skill!);

    public bool TryGetTopic(string name, out TopicVocabulary topic) => _topics.TryGetValue(name, out topic!);

    public OfflineTeacher Teacher(FailureModel? failures = null) => new(this, failures ?? FailureModel.Default);

    public OfflineGrader Grader() => new(this);

    public PlainTextGenerator PlainText() => new(this);

    private static List<T> Select<T>(IReadOnlyList<T> all, IReadOnlyList<string>? wanted, Func<T, string> name, string what)
    {
        if (wanted is null)
        {
            return all.ToList();
        }
        var byName = all.ToDictionary(name, StringComparer.Ordinal);
        var unknown = wanted.FirstOrDefault(w => !byName.ContainsKey(w));
        if (unknown is not null)
        {
            throw new ArgumentException(
                $"The offline world has no {what} named '{unknown}'. Its {what}s: {string.Join(", ", all.Select(name))}.");
        }
        var keep = new HashSet<string>(wanted, StringComparer.Ordinal);
        var selected = all.Where(x => keep.Contains(name(x))).ToList();
        if (selected.Count == 0)
        {
            throw new ArgumentException($"OfflineWorldOptions keeps no {what}; name at least one.");
        }
        return selected;
    }
}
