using SkillMix.Core.Sampling;
using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld;

/// <summary>
/// Plain on-topic sentences that show no particular skill: the world's everyday talk, for a student's pretraining corpus
/// (next to single-skill texts) and for the opening of the teacher's drafts. Every sentence is well formed.
/// </summary>
public sealed class PlainTextGenerator(CheckableWorld world)
{
    /// <summary><paramref name="count"/> sentences, each on a topic drawn uniformly from the world's topics.</summary>
    public IReadOnlyList<string> Generate(long seed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = SeededRandom.ForStream(seed, "offline-plain-text");
        var sentences = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var topic = random.Pick(world.Topics);
            sentences.Add(Sentence(new Slots(topic, random)));
        }
        return sentences;
    }

    /// <summary>One sentence of one or two plain clauses about the topic.</summary>
    internal static string Sentence(Slots s)
    {
        var text = Clause(s);
        if (s.Random.NextInt(3) == 0)
        {
            text += (s.Coin() ? "; " : ", and ") + Clause(s);
        }
        return Sentences.Capitalize(text) + ".";
    }

    internal static string Clause(Slots s) => s.Random.NextInt(4) switch
    {
        0 => $"the {s.Noun()} is {(s.Random.NextInt(4) == 0 ? "not " : "")}{s.Adjective()}",
        1 => $"the {s.Agent()} {s.Verb().Third} the {s.Thing()}{s.Pick(Tails)}",
        2 => $"{s.Person().Name} {s.Verb().Third} the {s.Thing()}",
        _ => $"the {s.Agent()} {s.Verb().Third} the {s.Thing()}",
    };

    private static readonly string[] Tails = ["", " with care", " every week", " at dawn"];
}
