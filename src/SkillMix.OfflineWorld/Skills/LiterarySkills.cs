using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld.Skills;

/// <summary>Literary skills (train side): figures of speech that live in the words of one clause.</summary>
internal static class LiterarySkills
{
    private const string Category = "literary";

    public static IEnumerable<SkillSpec> All()
    {
        yield return new SkillSpec
        {
            Name = "simile",
            Category = Category,
            Definition = "Compares a thing with something of a different kind, using \"like\" or \"as ... as\".",
            Example = "The old lantern is as bright as a star.",
            HowChecked = "\"is like\", \"works like\" or \"waits like\" followed by an image from outside the topic, or \"as ADJ as\" followed by such an image.",
            Forms = ["the {NOUN} is like {IMG}", "the {NOUN} is as {ADJ} as {IMG}", "the {AGENT} (?:works|waits) like {IMG}", "the {NOUN} is as {ADJ} as the {NOUN}"],
            Realize = s => s.Random.NextInt(3) switch
            {
                0 => $"the {s.Noun()} is like {s.Pick(Lexicon.Images)}",
                1 => $"the {s.Noun()} is as {s.Adjective()} as {s.Pick(Lexicon.Images)}",
                _ => $"the {s.Agent()} {(s.Coin() ? "works" : "waits")} like {s.Pick(Lexicon.Images)}",
            },
            Corrupt = (s, _) =>
            {
                var things = s.Things(2);
                return $"the {things[0]} is as {s.Adjective()} as the {things[1]}";
            },
            Check = SkillSpec.Find("(?:(?:is|works|waits) like|as {ADJ} as) {IMG}"),
        };
        yield return new SkillSpec
        {
            Name = "metaphor",
            Category = Category,
            Definition = "Says that a thing is something of a different kind, without \"like\" or \"as\", to show one quality of it.",
            Example = "The busy harbour is a beehive.",
            HowChecked = "a topic noun followed by \"is\" and an image from outside the topic (\"the hive is a drum\").",
            Forms = ["the {NOUN} is {IMG}(?: to the {AGENT})?"],
            Realize = s => s.Coin()
                ? $"the {s.Noun()} is {s.Pick(Lexicon.Images)}"
                : $"the {s.Thing()} is {s.Pick(Lexicon.Images)} to the {s.Agent()}",
            Corrupt = (s, _) => $"the {s.Thing()} is {s.Adjective()}",
            Check = SkillSpec.Find("the {NOUN} is {IMG}"),
        };
        yield return new SkillSpec
        {
            Name = "alliteration",
            Category = Category,
            Definition = "Repeats the first sound of neighbouring words.",
            Example = "The miller is merry and mild.",
            HowChecked = "\"the NOUN is ADJ and ADJ\" where the noun and two different adjectives start with the same letter.",
            Forms = ["the {NOUN} is {ADJ} and {ADJ}"],
            Realize = s =>
            {
                var candidates = s.Topic.Words.Where(w => AdjectivesStartingWith(w[0]).Count >= 2).ToList();
                var noun = s.Pick(candidates);
                var adjectives = AdjectivesStartingWith(noun[0]).ToList();
                s.Random.Shuffle(adjectives);
                return $"the {noun} is {adjectives[0]} and {adjectives[1]}";
            },
            Corrupt = (s, clause) =>
            {
                var words = clause.Split(' ');
                var other = Lexicon.Adjectives.Where(a => a[0] != words[1][0] && a != words[3]).ToList();
                words[^1] = s.Pick(other);
                return string.Join(' ', words);
            },
            Check = SkillSpec.Find("the {NOUN:n} is {ADJ:a} and {ADJ:b}", m =>
                m.Groups["a"].Value != m.Groups["b"].Value
                && m.Groups["n"].Value[0] == m.Groups["a"].Value[0] && m.Groups["a"].Value[0] == m.Groups["b"].Value[0]),
        };
        yield return new SkillSpec
        {
            Name = "onomatopoeia",
            Category = Category,
            Definition = "Uses a word that imitates the sound it names.",
            Example = "The kettle goes hiss on the stove.",
            HowChecked = "a sound word (buzz, thud, clang, hiss, ...) anywhere in the text; no other skill uses these words.",
            Forms = ["the {NOUN} goes (?:{SOUND}|quiet)", "the {THING} falls with a (?:{SOUND}|noise)", "with (?:a {SOUND}|care), the {AGENT} {VT} the {THING}"],
            Realize = s => s.Random.NextInt(3) switch
            {
                0 => $"the {s.Thing()} goes {s.Pick(Lexicon.Sounds)}",
                1 => $"the {s.Thing()} falls with a {s.Pick(Lexicon.Sounds)}",
                _ => $"with a {s.Pick(Lexicon.Sounds)}, the {s.Agent()} {s.Verb().Third} the {s.Thing()}",
            },
            Corrupt = (_, clause) =>
            {
                var words = clause.Split(' ');
                var i = Array.FindIndex(words, w => Lexicon.Sounds.Contains(w.TrimEnd(',')));
                words[i] = words[0] == "with" ? "care," : words[i - 1] == "goes" ? "quiet" : "noise";
                var text = string.Join(' ', words);
                return text.StartsWith("with a care,", StringComparison.Ordinal) ? "with care," + text["with a care,".Length..] : text;
            },
            Check = SkillSpec.Find("{SOUND}"),
        };
        yield return new SkillSpec
        {
            Name = "personification",
            Category = Category,
            Definition = "Gives a thing an action or feeling that only a person can have.",
            Example = "The old door complains every time we open it.",
            HowChecked = "a topic thing (not a person) as the subject of a human verb (whispers, sighs, dreams, laughs, ...).",
            Forms = ["the {NOUN} {HV}(?: softly| at night| all day| to the {AGENT})?"],
            Realize = s => $"the {s.Thing()} {s.Pick(Lexicon.HumanVerbs)}{Tail(s, s.Agent())}",
            Corrupt = (s, _) =>
            {
                var subject = s.Topic.Agents[0];
                return $"the {subject} {s.Pick(Lexicon.HumanVerbs)}{Tail(s, s.Topic.Agents[1])}";
            },
            Check = SkillSpec.Find("the {THING} {HV}"),
        };
        yield return new SkillSpec
        {
            Name = "hyperbole",
            Category = Category,
            Definition = "Exaggerates on purpose, far beyond what could be true, for emphasis.",
            Example = "I have told you a million times to close the gate.",
            HowChecked = "one of the world's impossible measures: \"a thousand times a day\", \"a million times a day\", \"weighs a ton\", \"older than the hills\".",
            Forms = ["the {AGENT} {VT} the {THING} (?:a thousand|a million|{NUM}) times a day", "the {THING} weighs a (?:ton|pound)", "the {THING} is older than the (?:hills|{AGENT})"],
            Realize = s => s.Random.NextInt(3) switch
            {
                0 => $"the {s.Agent()} {s.Verb().Third} the {s.Thing()} {(s.Coin() ? "a thousand" : "a million")} times a day",
                1 => $"the {s.Thing()} weighs a ton",
                _ => $"the {s.Thing()} is older than the hills",
            },
            Corrupt = (s, clause) => clause
                .Replace("a thousand times", Lexicon.Numbers[s.Number(2, 4)] + " times", StringComparison.Ordinal)
                .Replace("a million times", Lexicon.Numbers[s.Number(2, 4)] + " times", StringComparison.Ordinal)
                .Replace("a ton", "a pound", StringComparison.Ordinal)
                .Replace("the hills", "the " + s.Agent(), StringComparison.Ordinal),
            Check = SkillSpec.Find("(?:a (?:thousand|million) times a day|weighs a ton|older than the hills)"),
        };
    }

    private static string Tail(Slots s, string agent) => s.Random.NextInt(4) switch
    {
        0 => " softly",
        1 => " at night",
        2 => " all day",
        _ => " to the " + agent,
    };

    private static IReadOnlyList<string> AdjectivesStartingWith(char letter) =>
        Lexicon.Adjectives.Where(a => a[0] == letter).ToList();
}
