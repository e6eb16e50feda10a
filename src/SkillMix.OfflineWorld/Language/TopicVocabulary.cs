namespace SkillMix.OfflineWorld.Language;

/// <summary>
/// One topic of the offline world and the words that belong to it alone: two kinds of person who practise it (agents)
/// and six countable things of it. A text pertains to the topic when it uses these words and no other topic's.
/// </summary>
public sealed record TopicVocabulary(string Name, IReadOnlyList<string> Agents, IReadOnlyList<string> Things)
{
    public IEnumerable<string> Words => Agents.Concat(Things);
}
