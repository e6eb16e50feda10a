using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld.Skills;

/// <summary>Pragmatics skills (held-out side): meaning carried by how something is said rather than what is said.</summary>
internal static class PragmaticsSkills
{
    private const string Category = "pragmatics";

    public static IEnumerable<SkillSpec> All()
    {
        yield return new SkillSpec
        {
            Name = "indirect request",
            Category = Category,
            Definition = "Asks someone to do something without saying it outright, by stating a fact and hoping they act.",
            Example = "Lena tells Max that the bins are full, hoping that he will empty them.",
            HowChecked = "\"A tells B that the THING is ADJ, hoping that SHE/HE will VERB it\" with B's pronoun; a direct \"tells B to VERB\" fails.",
            Forms = ["{NAME} tells {NAME} that the {THING} is {ADJ}, hoping that {PRON} will {VB} it", "{NAME} tells {NAME} to {VB} the {THING}"],
            Realize = s =>
            {
                var (a, b) = s.TwoPeople();
                return $"{a.Name} tells {b.Name} that the {s.Thing()} is {s.Adjective()}, hoping that {b.Pronoun} will {s.Verb().Base} it";
            },
            Corrupt = (_, clause) =>
            {
                var words = clause.Split(' ');
                return $"{words[0]} tells {words[2]} to {words[^2]} the {words[5]}";
            },
            Check = SkillSpec.Find("{NAME:a} tells {NAME:b} that the {THING} is {ADJ}, hoping that {PRON:p} will {VB} it",
                m => m.Groups["a"].Value != m.Groups["b"].Value && Lexicon.PronounOf(m.Groups["b"].Value) == m.Groups["p"].Value),
        };
        yield return new SkillSpec
        {
            Name = "hedging",
            Category = Category,
            Definition = "Softens a claim to show uncertainty or politeness.",
            Example = "Perhaps the soup is a little salty.",
            HowChecked = "\"perhaps\" or \"maybe\", then \"the NOUN is\", then \"a little\" or \"somewhat\" and an adjective; \"surely ... very\" fails.",
            Forms = ["(?:perhaps|maybe|surely|clearly) the {NOUN} is (?:a little|somewhat|very) {ADJ}"],
            Realize = s => $"{(s.Coin() ? "perhaps" : "maybe")} the {s.Noun()} is {(s.Coin() ? "a little" : "somewhat")} {s.Adjective()}",
            Corrupt = (s, clause) =>
            {
                var words = clause.Split(' ');
                var adjective = words[^1];
                return $"{(s.Coin() ? "surely" : "clearly")} the {words[2]} is very {adjective}";
            },
            Check = SkillSpec.Find("(?:perhaps|maybe) the {NOUN} is (?:a little|somewhat) {ADJ}"),
        };
        yield return new SkillSpec
        {
            Name = "concession",
            Category = Category,
            Definition = "Grants a point that seems to speak against what follows, then says it anyway.",
            Example = "Although the path was steep, we reached the top.",
            HowChecked = "\"although\" and a proposition, then a comma and an action (\"although the hive is cold, the beekeeper opens the hive\"); \"when\" fails.",
            Forms = ["(?:although|when) {PROP}, the {AGENT} {VT} the {THING}"],
            Realize = s =>
            {
                var thing = s.Thing();
                return $"although {s.Proposition(thing)}, the {s.Agent()} {s.Verb().Third} the {thing}";
            },
            Corrupt = (_, clause) => "when" + clause["although".Length..],
            Check = SkillSpec.Find("although {PROP}, the {AGENT} {VT} the {THING}"),
        };
    }
}
