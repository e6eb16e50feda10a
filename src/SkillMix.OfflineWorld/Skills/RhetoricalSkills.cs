using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld.Skills;

/// <summary>Rhetorical skills (train side): how a clause or a pair of clauses is arranged to persuade or stress.</summary>
internal static class RhetoricalSkills
{
    private const string Category = "rhetorical";

    public static IEnumerable<SkillSpec> All()
    {
        yield return new SkillSpec
        {
            Name = "rhetorical question",
            Category = Category,
            Definition = "Asks a question whose answer is obvious, to make a point rather than to get an answer.",
            Example = "Who would not want a warm bed on a cold night?",
            HowChecked = "a question ending its sentence of the form \"who could ever VERB the THING?\", \"who would not VERB the THING?\" or \"is the NOUN not ADJ?\"; questions that ask for information (where, when, plain yes/no) do not count.",
            Forms = [],
            QuestionForms =
            [
                "who (?:could ever|would not) {VB} the {THING}", "is the {NOUN} not {ADJ}",
                "where is the {THING}", "when does the {AGENT} {VB} the {THING}", "is the {NOUN} {ADJ}",
            ],
            Realize = s => s.Random.NextInt(3) switch
            {
                0 => $"who could ever {s.Verb().Base} the {s.Thing()}?",
                1 => $"who would not {s.Verb().Base} the {s.Thing()}?",
                _ => $"is the {s.Thing()} not {s.Adjective()}?",
            },
            Corrupt = (s, _) => s.Random.NextInt(3) switch
            {
                0 => $"where is the {s.Thing()}?",
                1 => $"when does the {s.Agent()} {s.Verb().Base} the {s.Thing()}?",
                _ => $"is the {s.Thing()} {s.Adjective()}?",
            },
            Check = SkillSpec.Find(@"(?:who (?:could ever|would not) {VB} the {THING}|is the {NOUN} not {ADJ})\?"),
        };
        yield return new SkillSpec
        {
            Name = "anaphora",
            Category = Category,
            Definition = "Begins neighbouring clauses with the same words.",
            Example = "Every day we plant, every day we water.",
            HowChecked = "two clauses in a row that open with the same time phrase (\"each morning ..., each morning ...\").",
            Forms = ["{OPENER} the {AGENT} {VT} the {THING}, {OPENER} the {AGENT} {VT} the {THING}"],
            Realize = s =>
            {
                var opener = s.Pick(Lexicon.Openers);
                var things = s.Things(2);
                return $"{opener} the {s.Agent()} {s.Verb().Third} the {things[0]}, {opener} the {s.Agent()} {s.Verb().Third} the {things[1]}";
            },
            Corrupt = (s, clause) =>
            {
                var first = Lexicon.Openers.First(o => clause.StartsWith(o, StringComparison.Ordinal));
                var second = s.Pick(Lexicon.Openers.Where(o => o != first).ToList());
                var comma = clause.IndexOf(", " + first, StringComparison.Ordinal);
                return clause[..comma] + ", " + second + clause[(comma + 2 + first.Length)..];
            },
            Check = SkillSpec.Find(@"{OPENER:o} the {AGENT} {VT} the {THING}, \k<o> the"),
        };
        yield return new SkillSpec
        {
            Name = "tricolon",
            Category = Category,
            Definition = "Lists exactly three parallel items in a row.",
            Example = "She packed the map, the rope and the lamp.",
            HowChecked = "a verb followed by exactly three different things: \"VERB the A, the B and the C\".",
            Forms = ["the {AGENT} {VT} the {THING}(?:, the {THING})* and the {THING}"],
            Realize = s =>
            {
                var things = s.Things(3);
                return $"the {s.Agent()} {s.Verb().Third} the {things[0]}, the {things[1]} and the {things[2]}";
            },
            Corrupt = (s, _) =>
            {
                var things = s.Things(2);
                return $"the {s.Agent()} {s.Verb().Third} the {things[0]} and the {things[1]}";
            },
            Check = SkillSpec.Find("{VT} the {THING:a}, the {THING:b} and the {THING:c}", m =>
                m.Groups["a"].Value != m.Groups["b"].Value && m.Groups["b"].Value != m.Groups["c"].Value
                && m.Groups["a"].Value != m.Groups["c"].Value),
        };
        yield return new SkillSpec
        {
            Name = "antithesis",
            Category = Category,
            Definition = "Sets two opposite ideas side by side in parallel words.",
            Example = "The river is calm on the surface but wild below.",
            HowChecked = "an adjective and its opposite joined by \", not\", \"outside but ... inside\" or \", yet the NOUN is\".",
            Forms = ["the {NOUN} is {ADJ}, not {ADJ}", "the {NOUN} is {ADJ} outside but {ADJ} inside", "the {NOUN} is {ADJ}, yet the {NOUN} is {ADJ}"],
            Realize = s =>
            {
                var (a, b) = s.Opposites();
                return s.Random.NextInt(3) switch
                {
                    0 => $"the {s.Noun()} is {a}, not {b}",
                    1 => $"the {s.Thing()} is {a} outside but {b} inside",
                    _ => Pair(s, a, b),
                };
            },
            Corrupt = (s, clause) =>
            {
                var words = clause.Split(' ');
                var last = Array.FindLastIndex(words, w => Lexicon.Adjectives.Contains(w));
                var first = Array.FindIndex(words, w => Lexicon.Adjectives.Contains(w.TrimEnd(',')));
                var a = words[first].TrimEnd(',');
                words[last] = s.Pick(Lexicon.Adjectives.Where(x => x != a && x != Lexicon.AntonymOf(a)).ToList());
                return string.Join(' ', words);
            },
            Check = SkillSpec.Find("{ADJ:a}(?:, not|, yet the {NOUN} is| outside but) {ADJ:b}", m =>
                Lexicon.AntonymOf(m.Groups["a"].Value) == m.Groups["b"].Value),
        };
        yield return new SkillSpec
        {
            Name = "apostrophe",
            Category = Category,
            Definition = "Speaks directly to a thing that cannot answer, as if it could listen.",
            Example = "Oh sea, how restless you are.",
            HowChecked = "\"oh THING, you are ...\" or \"oh THING, how ...\", addressed to a topic thing.",
            Forms = ["oh {NOUN}, you are {ADJ}", "oh {NOUN}, how {ADJ} you are"],
            Realize = s => s.Coin() ? $"oh {s.Thing()}, you are {s.Adjective()}" : $"oh {s.Thing()}, how {s.Adjective()} you are",
            Corrupt = (s, _) => $"the {s.Thing()} is {s.Adjective()}",
            Check = SkillSpec.Find("oh {THING}, (?:you are|how)"),
        };
        yield return new SkillSpec
        {
            Name = "understatement (litotes)",
            Category = Category,
            Definition = "Says something positive by denying its opposite.",
            Example = "The cake was not bad at all.",
            HowChecked = "\"is not\" (optionally \"at all\") followed by a negative word (bad, useless, unpleasant, unwelcome, unkind).",
            Forms = ["the {NOUN} is not (?:at all )?{LITOTES}"],
            Realize = s => $"the {s.Noun()} is not {(s.Coin() ? "at all " : "")}{s.Pick(Lexicon.LitotesWords)}",
            Corrupt = (s, _) => $"the {s.Thing()} is not {s.Adjective()}",
            Check = SkillSpec.Find("is not (?:at all )?{LITOTES}"),
        };
    }

    private static string Pair(Slots s, string a, string b)
    {
        var things = s.Things(2);
        return $"the {things[0]} is {a}, yet the {things[1]} is {b}";
    }
}
