using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SkillMix.Core.Sampling;

namespace SkillMix.Core.Worlds;

/// <summary>
/// Skills, topics and their split, as in Skill-Mix: skills split by category (the train categories against the rest, so
/// correlated skills never straddle the split) and topics split 50/50 by a seeded shuffle. The split is part of the world's
/// identity: <see cref="Identity"/> hashes everything here.
/// </summary>
public sealed class World
{
    private readonly Dictionary<string, Skill> _byName;

    private World(string name, IReadOnlyList<Skill> skills, IReadOnlyList<string> topics,
        IReadOnlyList<string> trainCategories, long topicSplitSeed, IReadOnlyList<string> trainTopics)
    {
        Name = name;
        Skills = skills;
        Topics = topics;
        TrainCategories = trainCategories;
        TopicSplitSeed = topicSplitSeed;
        _byName = skills.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var train = new HashSet<string>(trainCategories, StringComparer.OrdinalIgnoreCase);
        TrainSkills = skills.Where(s => train.Contains(s.Category)).ToList();
        HeldOutSkills = skills.Where(s => !train.Contains(s.Category)).ToList();
        var trainTopicSet = new HashSet<string>(trainTopics, StringComparer.Ordinal);
        TrainTopics = topics.Where(trainTopicSet.Contains).ToList();
        HeldOutTopics = topics.Where(t => !trainTopicSet.Contains(t)).ToList();
        Identity = ComputeIdentity();
    }

    public string Name { get; }

    /// <summary>All skills, in catalog order.</summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>All topics, in catalog order.</summary>
    public IReadOnlyList<string> Topics { get; }

    /// <summary>The categories whose skills are on the train side; every other category is held out.</summary>
    public IReadOnlyList<string> TrainCategories { get; }

    public long TopicSplitSeed { get; }

    public IReadOnlyList<Skill> TrainSkills { get; }
    public IReadOnlyList<Skill> HeldOutSkills { get; }
    public IReadOnlyList<string> TrainTopics { get; }
    public IReadOnlyList<string> HeldOutTopics { get; }

    /// <summary>SHA-256 (hex) of the world's canonical JSON: names, texts, categories, topics and the split.</summary>
    public string Identity { get; }

    /// <summary>
    /// Builds a world and splits its topics: a seeded shuffle of the topics in catalog order, the first half
    /// (rounded down) on the train side.
    /// </summary>
    public static World Create(string name, IReadOnlyList<Skill> skills, IReadOnlyList<string> topics,
        IReadOnlyList<string> trainCategories, long topicSplitSeed)
    {
        Validate(name, skills, topics, trainCategories);
        var shuffled = topics.ToList();
        SeededRandom.ForStream(topicSplitSeed, "topic-split").Shuffle(shuffled);
        var trainTopics = shuffled.Take(topics.Count / 2).ToList();
        return new World(name, skills, topics, trainCategories, topicSplitSeed, trainTopics);
    }

    /// <summary>Builds a world whose topic split is given rather than drawn (for imported or hand-made splits).</summary>
    public static World CreateWithTopicSplit(string name, IReadOnlyList<Skill> skills, IReadOnlyList<string> topics,
        IReadOnlyList<string> trainCategories, IReadOnlyList<string> trainTopics)
    {
        Validate(name, skills, topics, trainCategories);
        var known = new HashSet<string>(topics, StringComparer.Ordinal);
        var unknown = trainTopics.FirstOrDefault(t => !known.Contains(t));
        if (unknown is not null)
        {
            throw new ArgumentException($"World '{name}': train topic '{unknown}' is not one of the world's topics.");
        }
        return new World(name, skills, topics, trainCategories, -1, trainTopics);
    }

    /// <summary>
    /// The same world (skills, topics, split) with each skill's frequency set from <paramref name="frequencies"/> (by skill
    /// name; a skill not named keeps its frequency). Its identity changes with the frequencies.
    /// </summary>
    public World WithSkillFrequencies(IReadOnlyDictionary<string, double> frequencies)
    {
        var unknown = frequencies.Keys.FirstOrDefault(name => !_byName.ContainsKey(name));
        if (unknown is not null)
        {
            throw new ArgumentException($"World '{Name}' has no skill named '{unknown}' to give a frequency.", nameof(frequencies));
        }
        var bad = frequencies.FirstOrDefault(f => !Skill.IsFrequency(f.Value));
        if (bad.Key is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(frequencies), bad.Value, $"Skill '{bad.Key}': a frequency is a number from 0 to 1.");
        }
        var skills = Skills.Select(s => frequencies.TryGetValue(s.Name, out var f) ? s with { Frequency = f } : s).ToList();
        return new World(Name, skills, Topics, TrainCategories, TopicSplitSeed, TrainTopics);
    }

    public IReadOnlyList<Skill> SkillsIn(Pool pool) => pool switch
    {
        Pool.Train => TrainSkills,
        Pool.HeldOut => HeldOutSkills,
        _ => Skills,
    };

    public IReadOnlyList<string> TopicsIn(Pool pool) => pool switch
    {
        Pool.Train => TrainTopics,
        Pool.HeldOut => HeldOutTopics,
        _ => Topics,
    };

    public bool TryGetSkill(string name, out Skill skill) => _byName.TryGetValue(name, out skill!);

    /// <summary>The skill of that exact name, or an error that lists what the world has.</summary>
    public Skill GetSkill(string name) => _byName.TryGetValue(name, out var skill)
        ? skill
        : throw new KeyNotFoundException(
            $"World '{Name}' has no skill named '{name}'. Its skills: {string.Join(", ", Skills.Select(s => s.Name))}.");

    public Pool SideOf(Skill skill) =>
        TrainCategories.Contains(skill.Category, StringComparer.OrdinalIgnoreCase) ? Pool.Train : Pool.HeldOut;

    private static void Validate(string name, IReadOnlyList<Skill> skills, IReadOnlyList<string> topics,
        IReadOnlyList<string> trainCategories)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A world needs a name.");
        }
        if (skills.Count == 0)
        {
            throw new ArgumentException($"World '{name}' has no skills.");
        }
        if (topics.Count == 0)
        {
            throw new ArgumentException($"World '{name}' has no topics.");
        }
        var dupSkill = skills.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dupSkill is not null)
        {
            throw new ArgumentException($"World '{name}': the skill '{dupSkill.Key}' appears more than once.");
        }
        var dupTopic = topics.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dupTopic is not null)
        {
            throw new ArgumentException($"World '{name}': the topic '{dupTopic.Key}' appears more than once.");
        }
        var categories = new HashSet<string>(skills.Select(s => s.Category), StringComparer.OrdinalIgnoreCase);
        var unknown = trainCategories.FirstOrDefault(c => !categories.Contains(c));
        if (unknown is not null)
        {
            throw new ArgumentException(
                $"World '{name}': train category '{unknown}' has no skills. Categories: {string.Join(", ", categories.Order())}.");
        }
    }

    private string ComputeIdentity()
    {
        var canonical = JsonSerializer.Serialize(new
        {
            name = Name,
            // A skill's frequency enters only when known, so worlds without frequencies keep their identity.
            skills = Skills.Select(s => s.Frequency is { } f
                ? new[] { s.Name, s.Category, s.Definition, s.Example, f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) }
                : [s.Name, s.Category, s.Definition, s.Example]),
            topics = Topics,
            trainCategories = TrainCategories.Order(StringComparer.Ordinal),
            trainTopics = TrainTopics,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
