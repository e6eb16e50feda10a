using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld.Skills;

/// <summary>Theory-of-mind skills (held-out side): what people believe, want, hide and feel, told about named people.</summary>
internal static class TheoryOfMindSkills
{
    private const string Category = "theory of mind";

    public static IEnumerable<SkillSpec> All()
    {
        yield return new SkillSpec
        {
            Name = "belief attribution",
            Category = Category,
            Definition = "States what a person believes or thinks is true.",
            Example = "Maria thinks that the shop is still open.",
            HowChecked = "a person's name, \"thinks that\" or \"believes that\", then a proposition (\"says that\" reports speech, not belief, and fails).",
            Forms = ["{NAME} (?:thinks|believes|says) that {PROP}"],
            Realize = s => $"{s.Person().Name} {(s.Coin() ? "thinks" : "believes")} that {s.Proposition(s.Noun())}",
            Corrupt = (_, clause) => clause.Replace(" thinks that ", " says that ", StringComparison.Ordinal)
                .Replace(" believes that ", " says that ", StringComparison.Ordinal),
            Check = SkillSpec.Find("{NAME} (?:thinks|believes) that {PROP}"),
        };
        yield return new SkillSpec
        {
            Name = "false belief",
            Category = Category,
            Definition = "Shows that a person acts on a belief that is no longer true, because they did not see it change.",
            Example = "Sam hid his ball in the box; while he was out, Lea moved it to the bag, so Sam will look in the box.",
            HowChecked = "\"A leaves the THING in the C1, B moves it to the C2, so A will look in the C1\": two people, two different places, and A looks where A left it.",
            Forms = ["{NAME} (?:leaves|puts) the {THING} in the {CONT}, {NAME} moves it to the {CONT}, so {NAME} will look in the {CONT}"],
            Realize = s =>
            {
                var (a, b) = s.TwoPeople();
                var from = s.Pick(Lexicon.Containers);
                var to = s.Pick(Lexicon.Containers.Where(c => c != from).ToList());
                return $"{a.Name} {(s.Coin() ? "leaves" : "puts")} the {s.Thing()} in the {from}, {b.Name} moves it to the {to}, so {a.Name} will look in the {from}";
            },
            Corrupt = (_, clause) =>
            {
                var words = clause.Split(' ');
                words[^1] = words[Array.IndexOf(words, "to") + 2].TrimEnd(',');
                return string.Join(' ', words);
            },
            Check = SkillSpec.Find(
                "{NAME:a} (?:leaves|puts) the {THING} in the {CONT:c}, {NAME:b} moves it to the {CONT:d}, so {NAME:e} will look in the {CONT:f}",
                m => m.Groups["a"].Value != m.Groups["b"].Value && m.Groups["e"].Value == m.Groups["a"].Value
                    && m.Groups["c"].Value != m.Groups["d"].Value && m.Groups["f"].Value == m.Groups["c"].Value),
        };
        yield return new SkillSpec
        {
            Name = "intention",
            Category = Category,
            Definition = "States why a person does something: the goal they act for.",
            Example = "Lily saves her coins in order to buy a kite.",
            HowChecked = "\"NAME VERBs the THING in order to (or so as to) VERB the THING\" (\"and then\", a mere sequence, fails).",
            Forms = ["{NAME} {VT} the {THING} (?:in order|so as) to {VB} the {THING}", "{NAME} {VT} the {THING} and then {VT} the {THING}"],
            Realize = s =>
            {
                var things = s.Things(2);
                return $"{s.Person().Name} {s.Verb().Third} the {things[0]} {(s.Coin() ? "in order" : "so as")} to {s.Verb().Base} the {things[1]}";
            },
            Corrupt = (_, clause) =>
            {
                var words = clause.Split(' ');
                var at = Array.FindIndex(words, w => w is "in" or "so");
                var verb = Lexicon.Verbs.First(v => v.Base == words[at + 3]).Third;
                return string.Join(' ', words[..at]) + " and then " + verb + " " + string.Join(' ', words[(at + 4)..]);
            },
            Check = SkillSpec.Find("{NAME} {VT} the {THING} (?:in order|so as) to {VB} the {THING}"),
        };
        yield return new SkillSpec
        {
            Name = "deception",
            Category = Category,
            Definition = "Shows a person telling someone what they know to be false.",
            Example = "Tom tells his sister that the cake is gone, even though he knows it is in the fridge.",
            HowChecked = "\"A tells B that the NOUN is ADJ, even though SHE/HE knows it is OPPOSITE\": two people, the pronoun of A, and opposite adjectives.",
            Forms = ["{NAME} tells {NAME} that {PROP}, even though {PRON} knows it is {ADJ}"],
            Realize = s =>
            {
                var (a, b) = s.TwoPeople();
                var (said, known) = s.Opposites();
                return $"{a.Name} tells {b.Name} that the {s.Noun()} is {said}, even though {a.Pronoun} knows it is {known}";
            },
            Corrupt = (_, clause) =>
            {
                var words = clause.Split(' ');
                words[^1] = words[Array.IndexOf(words, "is") + 1].TrimEnd(',');
                return string.Join(' ', words);
            },
            Check = SkillSpec.Find(
                "{NAME:a} tells {NAME:b} that the {NOUN} is {ADJ:x}, even though {PRON:p} knows it is {ADJ:y}",
                m => m.Groups["a"].Value != m.Groups["b"].Value && Lexicon.PronounOf(m.Groups["a"].Value) == m.Groups["p"].Value
                    && Lexicon.AntonymOf(m.Groups["x"].Value) == m.Groups["y"].Value),
        };
        yield return new SkillSpec
        {
            Name = "emotional self regulation",
            Category = Category,
            Definition = "Shows a person calming a strong feeling before acting.",
            Example = "Jo was furious, so she counted to ten before she answered.",
            HowChecked = "\"NAME is FEELING about the THING, so SHE/HE\" and a calming act (takes a deep breath, counts to ten, ...) with the right pronoun; an outburst fails.",
            Forms = ["{NAME} is {EMO} about the {THING}, so {PRON} (?:{CALM}|{OUTBURST} {THING})"],
            Realize = s =>
            {
                var person = s.Person();
                return $"{person.Name} is {s.Pick(Lexicon.Emotions)} about the {s.Thing()}, so {person.Pronoun} {s.Pick(Lexicon.Calming)}";
            },
            Corrupt = (s, clause) =>
            {
                var calm = Lexicon.Calming.First(c => clause.EndsWith(c, StringComparison.Ordinal));
                return clause[..^calm.Length] + s.Pick(Lexicon.Outbursts) + " " + s.Thing();
            },
            Check = SkillSpec.Find("{NAME:a} is {EMO} about the {THING}, so {PRON:p} {CALM}",
                m => Lexicon.PronounOf(m.Groups["a"].Value) == m.Groups["p"].Value),
        };
    }
}
