using System.Text;
using System.Text.RegularExpressions;
using SkillMix.Core.Sampling;
using SkillMix.OfflineWorld.Language;
using SkillMix.OfflineWorld.Skills;

namespace SkillMix.OfflineWorld.Teaching;

/// <summary>
/// The rule-based teacher. For a combination it realizes each skill as one clause on the topic, drafts them one per
/// sentence after a plain opening (turn 1), then packs them into at most max(1, k - 1) sentences (turn 2), so that skills
/// share sentences. The <see cref="FailureModel"/> then lets some skills slip to their near miss, a word of another topic
/// drift in, a sentence lose its grammar, or the limit be overrun. Everything is drawn from one seeded stream per
/// (seed, skills, topic, repeat): reruns are identical, repeats are distinct draws.
/// </summary>
public sealed class OfflineTeacher
{
    private readonly CheckableWorld _world;

    internal OfflineTeacher(CheckableWorld world, FailureModel failures)
    {
        _world = world;
        Failures = failures;
    }

    public FailureModel Failures { get; }

    /// <summary>Writes the draft and the improved text for one combination.</summary>
    /// <exception cref="UnknownNameException">A skill or the topic is not in the world.</exception>
    public Composition Compose(IReadOnlyList<string> skillNames, string topicName, int sentenceLimit, long seed, int repeat)
    {
        var specs = skillNames.Select(n => _world.TryGetSkill(n, out var s) ? s : throw UnknownNameException.Skill(n, _world)).ToList();
        if (!_world.TryGetTopic(topicName, out var topic))
        {
            throw UnknownNameException.Topic(topicName, _world);
        }
        var random = SeededRandom.ForStream(seed, "offline-teacher", StableHash(skillNames, topicName), repeat);
        var slots = new Slots(topic, random);
        var k = specs.Count;

        var clauses = specs.Select(s => s.Realize(slots)).ToList();
        var opener = PlainTextGenerator.Sentence(slots);
        var draft = opener + " " + string.Join(" ", clauses.Select(EndSentence));
        var draftExplanation = string.Join("; ", specs.Select((s, i) => $"{s.Name} in sentence {i + 2}")) + ".";

        var realized = new bool[k];
        for (var i = 0; i < k; i++)
        {
            realized[i] = random.NextDouble() >= Failures.SkillSlipFor(k);
            if (!realized[i])
            {
                clauses[i] = specs[i].Corrupt(slots, clauses[i]);
            }
        }
        var drift = random.NextDouble() < Failures.TopicDriftFor();
        var trailOff = random.NextDouble() < Failures.SenseSlipFor();
        var overrun = random.NextDouble() < Failures.LengthSlipFor(k);

        var (sentences, where) = Pack(clauses, sentenceLimit, overrun, slots);
        if (trailOff)
        {
            var s = random.NextInt(sentences.Count);
            sentences[s] = TrailOff(sentences[s]);
        }
        var text = string.Join(" ", sentences);
        var topicKept = true;
        if (drift && TryDrift(text, topic, slots, out var drifted))
        {
            text = drifted;
            topicKept = false;
        }
        var explanation = string.Join("; ", specs.Select((s, i) => $"{s.Name} in sentence {where[i] + 1}")) + ".";
        var record = new TeacherRecord(realized, topicKept, !trailOff, sentences.Count <= sentenceLimit);
        return new Composition(draft, draftExplanation, text, explanation, record);
    }

    /// <summary>Puts the clauses, in a random order, into as many sentences as the limit allows (one more on overrun).</summary>
    private static (List<string> Sentences, int[] Where) Pack(List<string> clauses, int limit, bool overrun, Slots slots)
    {
        var n = clauses.Count;
        var order = Enumerable.Range(0, n).ToList();
        slots.Random.Shuffle(order);
        var count = Math.Clamp(Math.Min(limit, n), 1, n);
        var extraPlain = false;
        if (overrun)
        {
            if (count < n)
            {
                count++;
            }
            else
            {
                extraPlain = true;
            }
        }
        // Cut the shuffled clauses into `count` non-empty runs.
        var cuts = Enumerable.Range(1, n - 1).ToList();
        slots.Random.Shuffle(cuts);
        var starts = cuts.Take(count - 1).Append(0).Order().ToList();
        var where = new int[n];
        var sentences = new List<string>(count + 1);
        for (var s = 0; s < starts.Count; s++)
        {
            var end = s + 1 < starts.Count ? starts[s + 1] : n;
            // A question can only close its sentence.
            var members = order.GetRange(starts[s], end - starts[s]).OrderBy(i => clauses[i].EndsWith('?') ? 1 : 0).ToList();
            var sb = new StringBuilder();
            foreach (var i in members)
            {
                where[i] = s;
                if (sb.Length > 0)
                {
                    sb.Append(slots.Coin() ? "; " : ", and ");
                }
                sb.Append(clauses[i].TrimEnd('?'));
            }
            var question = clauses[members[^1]].EndsWith('?');
            sentences.Add(Sentences.Capitalize(sb.ToString()) + (question ? "?" : "."));
        }
        if (extraPlain)
        {
            sentences.Add(PlainTextGenerator.Sentence(slots));
        }
        return (sentences, where);
    }

    /// <summary>
    /// Replaces one of the topic's things, everywhere and in both numbers, by another topic's thing with the same first
    /// letter, so that only the topic point changes (alliteration and every "same word" check still hold).
    /// </summary>
    private static bool TryDrift(string text, TopicVocabulary topic, Slots slots, out string drifted)
    {
        drifted = text;
        var present = topic.Things.Where(t => Regex.IsMatch(text, $@"\b{t}s?\b|\b{Lexicon.Plural(t)}\b")).ToList();
        slots.Random.Shuffle(present);
        foreach (var thing in present)
        {
            var others = TopicCatalog.All.Where(o => o.Name != topic.Name).SelectMany(o => o.Things).Where(o => o[0] == thing[0]).ToList();
            if (others.Count == 0)
            {
                continue;
            }
            var other = slots.Pick(others);
            drifted = Regex.Replace(text, $@"\b{Lexicon.Plural(thing)}\b", Lexicon.Plural(other));
            drifted = Regex.Replace(drifted, $@"\b{thing}\b", other);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Breaks a sentence's grammar without touching any clause: a dangling "and" before the full stop, or, since a question
    /// must keep its last words to stay a question, a stray "And" before it.
    /// </summary>
    private static string TrailOff(string sentence)
    {
        if (!sentence.EndsWith('?'))
        {
            return sentence[..^1] + " and" + sentence[^1];
        }
        var firstWord = sentence.Split(' ')[0];
        var isName = Lexicon.People.Any(p => p.Name == firstWord);
        return "And " + (isName ? sentence : char.ToLowerInvariant(sentence[0]) + sentence[1..]);
    }

    private static string EndSentence(string clause) =>
        Sentences.Capitalize(clause) + (clause.EndsWith('?') ? "" : ".");

    /// <summary>FNV-1a over the combination's words: a platform-independent stream index.</summary>
    private static long StableHash(IReadOnlyList<string> skills, string topic)
    {
        var h = 14695981039346656037UL;
        foreach (var c in topic + "\n" + string.Join("\n", skills))
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return unchecked((long)(h >> 1));
    }
}
