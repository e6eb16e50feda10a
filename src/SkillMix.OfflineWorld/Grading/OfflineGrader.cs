using SkillMix.Core.Grading;
using SkillMix.OfflineWorld.Language;
using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.OfflineWorld.Grading;

/// <summary>
/// The rule-based grader: one point per skill whose checker finds it, one if the text pertains to the topic, one if
/// every sentence is well formed in the world's grammar, one if the text has at most the allowed sentences (Core's
/// sentence counter). Any text can be graded; garbled text simply earns few points.
/// </summary>
public sealed class OfflineGrader
{
    private readonly CheckableWorld _world;

    internal OfflineGrader(CheckableWorld world) => _world = world;

    /// <exception cref="UnknownNameException">A skill or the topic is not in the world.</exception>
    public GradeVerdict Grade(IReadOnlyList<string> skillNames, string topic, int sentenceLimit, string text)
    {
        var specs = skillNames.Select(n => _world.TryGetSkill(n, out var s) ? s : throw UnknownNameException.Skill(n, _world)).ToList();
        if (!_world.TryGetTopic(topic, out _))
        {
            throw UnknownNameException.Topic(topic, _world);
        }
        var tagged = Symbols.Tag(text.ToLowerInvariant());
        var points = new List<int>(specs.Count + 3);
        var reasons = new List<string>(specs.Count + 3);
        foreach (var spec in specs)
        {
            var evidence = spec.Check(tagged);
            points.Add(evidence is null ? 0 : 1);
            reasons.Add(evidence is null ? $"{spec.Name}: not shown; it needs {spec.HowChecked}" : $"{spec.Name}: \"{evidence}\"");
        }
        var pertains = TopicCheck.Pertains(text, topic, out var topicReason);
        points.Add(pertains ? 1 : 0);
        reasons.Add($"topic: {topicReason}");
        var wellFormed = Grammar.IsWellFormed(text, out var problem);
        points.Add(wellFormed ? 1 : 0);
        reasons.Add(wellFormed ? "sense: every sentence is well formed" : $"sense: {problem}");
        var count = SentenceCounter.Count(text);
        points.Add(count <= sentenceLimit ? 1 : 0);
        reasons.Add($"length: {count} sentence(s), limit {sentenceLimit}");
        var criteria = Rubric.Criteria(skillNames, topic).Take(specs.Count + 2).Append(Rubric.LengthCriterion(sentenceLimit)).ToList();
        return new GradeVerdict(criteria, points, reasons);
    }
}
