using System.Text.RegularExpressions;
using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld.Skills;

/// <summary>Reasoning skills (held-out side): causes, counterfactuals, arithmetic and order in time.</summary>
internal static class ReasoningSkills
{
    private const string Category = "reasoning";

    public static IEnumerable<SkillSpec> All()
    {
        yield return new SkillSpec
        {
            Name = "causal explanation",
            Category = Category,
            Definition = "Explains a fact by naming its cause.",
            Example = "The streets are wet because it rained all night.",
            HowChecked = "a statement followed by \"because\" and a proposition (\"the comb is soft because the hive is warm\").",
            Forms = ["(?:{PROP}|the {AGENT} {VT} the {THING}) (?:because|and) {PROP}"],
            Realize = s =>
            {
                var (p, q) = s.TwoPropositions();
                return s.Coin() ? $"{q} because {p}" : $"the {s.Agent()} {s.Verb().Third} the {s.Thing()} because {p}";
            },
            Corrupt = (_, clause) => clause.Replace(" because ", " and ", StringComparison.Ordinal),
            Check = SkillSpec.Find("(?:{PROP}|the {AGENT} {VT} the {THING}) because {PROP}"),
        };
        yield return new SkillSpec
        {
            Name = "counterfactual reasoning",
            Category = Category,
            Definition = "Reasons about what would have happened if something had been different.",
            Example = "If we had left earlier, we would have caught the train.",
            HowChecked = "\"if the NOUN had been ADJ, the NOUN would have been ADJ\", in either order (the plain past \"was ... was\" fails).",
            Forms = ["if the {NOUN} had been {ADJ}, the {NOUN} would have been {ADJ}", "if the {NOUN} was {ADJ}, the {NOUN} was {ADJ}",
                "the {NOUN} would have been {ADJ} if the {NOUN} had been {ADJ}", "the {NOUN} was {ADJ} if the {NOUN} was {ADJ}"],
            Realize = s =>
            {
                var things = s.Things(2);
                return s.Coin()
                    ? $"if the {things[0]} had been {s.Adjective()}, the {things[1]} would have been {s.Adjective()}"
                    : $"the {things[1]} would have been {s.Adjective()} if the {things[0]} had been {s.Adjective()}";
            },
            Corrupt = (_, clause) => clause.Replace(" had been ", " was ", StringComparison.Ordinal)
                .Replace(" would have been ", " was ", StringComparison.Ordinal),
            Check = SkillSpec.Find("(?:if the {NOUN} had been {ADJ}, the {NOUN} would have been {ADJ}|the {NOUN} would have been {ADJ} if the {NOUN} had been {ADJ})"),
        };
        yield return new SkillSpec
        {
            Name = "quantity comparison",
            Category = Category,
            Definition = "Compares two amounts and states the difference correctly.",
            Example = "Tom has seven apples and Ann has four, so Tom has three more.",
            HowChecked = "\"the A has N Xs and the B has M Xs, so the A has D more Xs\": two different people, one thing, D = N - M with A the one who has more.",
            Forms = ["the {AGENT} has {NUM} {THINGS} and the {AGENT} has {NUM} {THINGS}, so the {AGENT} has {NUM} more {THINGS}"],
            Realize = s =>
            {
                var thing = Lexicon.Plural(s.Thing());
                int n1, n2;
                do
                {
                    n1 = s.Number(2, 12);
                    n2 = s.Number(2, 12);
                }
                while (Math.Abs(n1 - n2) < 2);
                var (a, b) = s.Coin() ? (s.Topic.Agents[0], s.Topic.Agents[1]) : (s.Topic.Agents[1], s.Topic.Agents[0]);
                var more = n1 > n2 ? a : b;
                return $"the {a} has {Lexicon.Numbers[n1]} {thing} and the {b} has {Lexicon.Numbers[n2]} {thing}, so the {more} has {Lexicon.Numbers[Math.Abs(n1 - n2)]} more {thing}";
            },
            Corrupt = (_, clause) =>
            {
                var words = clause.Split(' ');
                var d = Lexicon.ValueOf(words[^3]);
                words[^3] = Lexicon.Numbers[d > 2 ? d - 1 : d + 1];
                return string.Join(' ', words);
            },
            Check = SkillSpec.Find(
                "the {AGENT:a} has {NUM:n} {THINGS:x} and the {AGENT:b} has {NUM:m} {THINGS:y}, so the {AGENT:c} has {NUM:d} more {THINGS:z}",
                Arithmetic),
        };
        yield return new SkillSpec
        {
            Name = "temporal order",
            Category = Category,
            Definition = "Places two events in time, one before the other.",
            Example = "After the bell rang, the children ran outside.",
            HowChecked = "two actions linked by \"before\" or \"after\" (\"before the A VERBs the X, the B VERBs the Y\", or the reverse order); \"as\" (at the same time) fails.",
            Forms = ["(?:before|after|as) the {AGENT} {VT} the {THING}, the {AGENT} {VT} the {THING}", "the {AGENT} {VT} the {THING} (?:before|after|as) the {AGENT} {VT} the {THING}"],
            Realize = s =>
            {
                var things = s.Things(2);
                var link = s.Coin() ? "before" : "after";
                return s.Coin()
                    ? $"{link} the {s.Agent()} {s.Verb().Third} the {things[0]}, the {s.Agent()} {s.Verb().Third} the {things[1]}"
                    : $"the {s.Agent()} {s.Verb().Third} the {things[0]} {link} the {s.Agent()} {s.Verb().Third} the {things[1]}";
            },
            Corrupt = (_, clause) => clause.StartsWith("before ", StringComparison.Ordinal) || clause.StartsWith("after ", StringComparison.Ordinal)
                ? "as " + clause[(clause.IndexOf(' ', StringComparison.Ordinal) + 1)..]
                : clause.Replace(" before the ", " as the ", StringComparison.Ordinal).Replace(" after the ", " as the ", StringComparison.Ordinal),
            Check = SkillSpec.Find("(?:(?:before|after) the {AGENT} {VT} the {THING}, the {AGENT} {VT} the {THING}|the {AGENT} {VT} the {THING} (?:before|after) the {AGENT} {VT} the {THING})"),
        };
    }

    private static bool Arithmetic(Match m)
    {
        string G(string g) => m.Groups[g].Value;
        var n = Lexicon.ValueOf(G("n"));
        var k = Lexicon.ValueOf(G("m"));
        if (G("a") == G("b") || G("x") != G("y") || G("y") != G("z") || n == k)
        {
            return false;
        }
        var more = n > k ? G("a") : G("b");
        return G("c") == more && Lexicon.ValueOf(G("d")) == Math.Abs(n - k);
    }
}
