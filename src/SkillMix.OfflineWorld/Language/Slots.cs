using SkillMix.Core.Sampling;

namespace SkillMix.OfflineWorld.Language;

/// <summary>
/// The word choices of one text: a topic's vocabulary and a seeded stream. Realizers and corrupters draw every word
/// here, so a text is a function of the seed alone.
/// </summary>
internal sealed class Slots(TopicVocabulary topic, SeededRandom random)
{
    public TopicVocabulary Topic { get; } = topic;

    public SeededRandom Random { get; } = random;

    public T Pick<T>(IReadOnlyList<T> items) => Random.Pick(items);

    public bool Coin() => Random.NextInt(2) == 0;

    public string Agent() => Pick(Topic.Agents);

    public string Thing() => Pick(Topic.Things);

    /// <summary>Distinct things of the topic, in random order.</summary>
    public IReadOnlyList<string> Things(int count)
    {
        var all = Topic.Things.ToList();
        Random.Shuffle(all);
        return all.Take(count).ToList();
    }

    public string Noun() => Random.NextInt(4) == 0 ? Agent() : Thing();

    public string Adjective() => Pick(Lexicon.Adjectives);

    /// <summary>An adjective that has an opposite, and its opposite, in random order.</summary>
    public (string Adjective, string Opposite) Opposites()
    {
        var (a, b) = Pick(Lexicon.Antonyms);
        return Coin() ? (a, b) : (b, a);
    }

    /// <summary>"the hive is warm": a proposition about one noun.</summary>
    public string Proposition(string noun) => $"the {noun} is {Pick(Lexicon.Antonyms).A}";

    /// <summary>Two propositions about different things.</summary>
    public (string P, string Q) TwoPropositions()
    {
        var things = Things(2);
        return ($"the {things[0]} is {Adjective()}", $"the {things[1]} is {Adjective()}");
    }

    public (string Third, string Base) Verb() => Pick(Lexicon.Verbs);

    public (string Name, string Pronoun) Person() => Pick(Lexicon.People);

    public ((string Name, string Pronoun) First, (string Name, string Pronoun) Second) TwoPeople()
    {
        var first = Person();
        var second = Person();
        while (second.Name == first.Name)
        {
            second = Person();
        }
        return (first, second);
    }

    public int Number(int min, int max) => min + Random.NextInt(max - min + 1);
}
