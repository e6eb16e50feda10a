namespace SkillMix.OfflineWorld.Language;

/// <summary>
/// The closed vocabulary every topic shares. Word classes are disjoint on purpose: a sound word only ever appears in
/// onomatopoeia, a human verb only in personification, so a checker cannot be satisfied by a word another skill needed.
/// </summary>
internal static class Lexicon
{
    /// <summary>Adjective pairs that are opposites (antithesis, deception, the teacher's negations).</summary>
    public static readonly IReadOnlyList<(string A, string B)> Antonyms =
    [
        ("warm", "cold"), ("quiet", "loud"), ("heavy", "light"), ("slow", "fast"), ("old", "new"), ("wet", "dry"),
        ("bright", "dark"), ("strong", "weak"), ("clean", "dirty"), ("soft", "hard"), ("full", "empty"),
        ("smooth", "rough"), ("tidy", "messy"), ("sharp", "blunt"), ("calm", "wild"), ("high", "low"),
    ];

    /// <summary>Adjectives with no opposite here; they give alliteration a partner for most first letters.</summary>
    private static readonly string[] MoreAdjectives =
    [
        "ancient", "amber", "busy", "bold", "brave", "careful", "curious", "dusty", "eager", "elegant", "fine", "fresh",
        "fragile", "gentle", "grey", "golden", "glossy", "humble", "hollow", "icy", "idle", "jolly", "jagged", "keen",
        "kind", "lovely", "lively", "mild", "modest", "mighty", "neat", "narrow", "noble", "odd", "orange", "pale",
        "plain", "proud", "precious", "quick", "quaint", "rusty", "round", "rare", "sturdy", "shiny", "tough", "tiny",
        "tall", "upright", "useful", "vast", "vivid", "wooden", "young", "yellow",
    ];

    public static readonly IReadOnlyList<string> Adjectives =
        [.. Antonyms.Select(p => p.A), .. Antonyms.Select(p => p.B), .. MoreAdjectives];

    /// <summary>Negative words that litotes denies ("not bad"); used nowhere else.</summary>
    public static readonly IReadOnlyList<string> LitotesWords = ["bad", "useless", "unpleasant", "unwelcome", "unkind"];

    /// <summary>Transitive verbs as (third person singular, base form).</summary>
    public static readonly IReadOnlyList<(string Third, string Base)> Verbs =
    [
        ("checks", "check"), ("dusts", "dust"), ("carries", "carry"), ("mends", "mend"), ("lifts", "lift"),
        ("guards", "guard"), ("moves", "move"), ("opens", "open"), ("holds", "hold"), ("watches", "watch"),
        ("fixes", "fix"), ("marks", "mark"), ("polishes", "polish"), ("tests", "test"), ("packs", "pack"),
        ("sorts", "sort"), ("wraps", "wrap"), ("counts", "count"), ("inspects", "inspect"), ("admires", "admire"),
        ("ignores", "ignore"), ("forgets", "forget"),
    ];

    /// <summary>Verbs only a person does; a thing doing them is personification.</summary>
    public static readonly IReadOnlyList<string> HumanVerbs =
        ["whispers", "sighs", "dreams", "laughs", "complains", "sings", "weeps", "smiles", "grumbles", "frowns"];

    /// <summary>Images from outside every topic, for similes and metaphors (with their article).</summary>
    public static readonly IReadOnlyList<string> Images =
    [
        "a lion", "a river", "a storm", "a feather", "a clock", "a mountain", "a candle", "a drum", "a cat", "a ghost",
        "a stone", "a bell", "an owl", "an ocean", "a fox", "a rose", "a cloud", "a snake",
    ];

    public static readonly IReadOnlyList<string> Sounds =
    [
        "buzz", "thud", "clang", "hiss", "swish", "crack", "snap", "pop", "whoosh", "drip", "tick", "boom", "clink",
        "creak", "rattle", "splash", "thump", "whirr",
    ];

    /// <summary>People of the theory-of-mind skills, with the pronoun that refers to each.</summary>
    public static readonly IReadOnlyList<(string Name, string Pronoun)> People =
    [
        ("Ada", "she"), ("Ben", "he"), ("Cleo", "she"), ("Dan", "he"), ("Eva", "she"), ("Finn", "he"), ("Gus", "he"),
        ("Hana", "she"), ("Ivo", "he"), ("Jun", "he"), ("Kit", "she"), ("Lena", "she"), ("Milo", "he"), ("Nora", "she"),
        ("Omar", "he"), ("Pia", "she"),
    ];

    public static readonly IReadOnlyList<string> Containers = ["box", "bag", "basket", "drawer", "chest", "cupboard", "crate", "tin"];

    public static readonly IReadOnlyList<string> Emotions = ["angry", "upset", "nervous", "worried", "frustrated"];

    /// <summary>Ways to calm down (emotional self regulation) and ways not to (its near miss).</summary>
    public static readonly IReadOnlyList<string> Calming = ["takes a deep breath", "counts to ten", "waits a moment", "goes for a walk"];

    public static readonly IReadOnlyList<string> Outbursts = ["shouts at the", "kicks the", "throws the"];

    public static readonly IReadOnlyList<string> Numbers =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    public static readonly IReadOnlyList<string> Openers = ["each morning", "every night", "every day", "each spring"];

    public static readonly IReadOnlyList<string> Prepositions = ["above", "below", "beside", "behind", "under"];

    /// <summary>Causes and the effects common sense expects of them (folk physics).</summary>
    public static readonly IReadOnlyList<(string Cause, string Effect)> Physics =
    [
        ("drops the {0}", "it falls to the ground"), ("leaves the {0} in the sun", "it gets warm"),
        ("leaves the {0} in the rain", "it gets wet"), ("leaves the {0} in the snow", "it gets cold"),
    ];

    public static string AntonymOf(string adjective)
    {
        foreach (var (a, b) in Antonyms)
        {
            if (a == adjective)
            {
                return b;
            }
            if (b == adjective)
            {
                return a;
            }
        }
        return "";
    }

    public static string PronounOf(string name) =>
        People.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Pronoun ?? "";

    public static int ValueOf(string number)
    {
        for (var i = 0; i < Numbers.Count; i++)
        {
            if (Numbers[i] == number)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>English plural of a countable topic noun (the topics avoid irregular ones).</summary>
    public static string Plural(string noun)
    {
        if (noun.EndsWith('s') || noun.EndsWith('x') || noun.EndsWith("ch", StringComparison.Ordinal) || noun.EndsWith("sh", StringComparison.Ordinal))
        {
            return noun + "es";
        }
        if (noun.Length > 1 && noun.EndsWith('y') && !"aeiou".Contains(noun[^2], StringComparison.Ordinal))
        {
            return noun[..^1] + "ies";
        }
        return noun + "s";
    }
}
