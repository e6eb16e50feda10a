using System.Text.RegularExpressions;
using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld.Skills;

/// <summary>
/// Logic skills (held-out side): valid argument forms over the world's propositions ("the NOUN is [not] ADJ"). Each
/// near miss is the classic fallacy next to the valid form, so only the logic, not the words, tells them apart.
/// </summary>
internal static class LogicSkills
{
    private const string Category = "logic";

    private const string Argument = "(?:if (?<p>{PROP}), then|either (?<p>{PROP}) or) (?<q>{PROP}), and (?<r>{PROP}), (?:so|therefore) (?<s>{PROP})";

    public static IEnumerable<SkillSpec> All()
    {
        yield return new SkillSpec
        {
            Name = "modus ponens",
            Category = Category,
            Definition = "From \"if P then Q\" and P, concludes Q.",
            Example = "If it rains, the road is wet; it rains, so the road is wet.",
            HowChecked = "\"if P, then Q, and P, so Q\" with the same P and Q word for word (affirming the consequent fails).",
            Forms = ["if {PROP}, then {PROP}, and {PROP}, (?:so|therefore) {PROP}", "if {PROP}, then {PROP}"],
            Realize = s =>
            {
                var (p, q) = s.TwoPropositions();
                return $"if {p}, then {q}, and {p}, {Therefore(s)} {q}";
            },
            Corrupt = (_, clause) => Rewrite(clause, (p, q) => $"if {p}, then {q}, and {q}, so {p}"),
            Check = SkillSpec.Find(Argument, m => m.Value.StartsWith("if", StringComparison.Ordinal)
                && G(m, "r") == G(m, "p") && G(m, "s") == G(m, "q") && G(m, "p") != G(m, "q")),
        };
        yield return new SkillSpec
        {
            Name = "modus tollens",
            Category = Category,
            Definition = "From \"if P then Q\" and not Q, concludes not P.",
            Example = "If the dog barked, someone came; no one came, so the dog did not bark.",
            HowChecked = "\"if P, then Q, and not Q, so not P\", negations written \"is not\" (denying the antecedent fails).",
            Forms = ["if {PROP}, then {PROP}, and {PROP}, (?:so|therefore) {PROP}"],
            Realize = s =>
            {
                var (p, q) = s.TwoPropositions();
                return $"if {p}, then {q}, and {Propositions.Negate(q)}, {Therefore(s)} {Propositions.Negate(p)}";
            },
            Corrupt = (_, clause) => Rewrite(clause, (p, q) => $"if {p}, then {q}, and {Propositions.Negate(p)}, so {Propositions.Negate(q)}"),
            Check = SkillSpec.Find(Argument, m => m.Value.StartsWith("if", StringComparison.Ordinal)
                && G(m, "r") == Propositions.Negate(G(m, "q")) && G(m, "s") == Propositions.Negate(G(m, "p"))
                && Propositions.Subject(G(m, "p")) != Propositions.Subject(G(m, "q"))),
        };
        yield return new SkillSpec
        {
            Name = "disjunctive syllogism",
            Category = Category,
            Definition = "From \"either P or Q\" and not P, concludes Q.",
            Example = "Either the key is in the car or in the house; it is not in the car, so it is in the house.",
            HowChecked = "\"either P or Q, and not P, so Q\" (or not Q, so P); affirming one side and denying the other fails.",
            Forms = ["either {PROP} or {PROP}, and {PROP}, (?:so|therefore) {PROP}"],
            Realize = s =>
            {
                var (p, q) = s.TwoPropositions();
                return s.Coin()
                    ? $"either {p} or {q}, and {Propositions.Negate(p)}, {Therefore(s)} {q}"
                    : $"either {p} or {q}, and {Propositions.Negate(q)}, {Therefore(s)} {p}";
            },
            Corrupt = (_, clause) => Rewrite(clause, (p, q) => $"either {p} or {q}, and {p}, so {Propositions.Negate(q)}"),
            Check = SkillSpec.Find(Argument, m => m.Value.StartsWith("either", StringComparison.Ordinal)
                && Propositions.Subject(G(m, "p")) != Propositions.Subject(G(m, "q"))
                && ((G(m, "r") == Propositions.Negate(G(m, "p")) && G(m, "s") == G(m, "q"))
                    || (G(m, "r") == Propositions.Negate(G(m, "q")) && G(m, "s") == G(m, "p")))),
        };
        yield return new SkillSpec
        {
            Name = "statistical syllogism",
            Category = Category,
            Definition = "From \"most A are B\", concludes that one particular A is probably B.",
            Example = "Most swans are white, so this swan is probably white.",
            HowChecked = "\"most (or nearly all) THINGS are ADJ, so this THING is probably (or likely) ADJ\" with the same thing and adjective (\"a few\" fails).",
            Forms = ["(?:most|nearly all|a few) {THINGS} are {ADJ}, so this {THING} is (?:probably|likely) {ADJ}"],
            Realize = s =>
            {
                var thing = s.Thing();
                var adjective = s.Adjective();
                return s.Coin()
                    ? $"most {Lexicon.Plural(thing)} are {adjective}, so this {thing} is probably {adjective}"
                    : $"nearly all {Lexicon.Plural(thing)} are {adjective}, so this {thing} is likely {adjective}";
            },
            Corrupt = (_, clause) => "a few" + clause[(clause.StartsWith("most", StringComparison.Ordinal) ? "most" : "nearly all").Length..],
            Check = SkillSpec.Find("(?:most|nearly all) {THINGS:ps} are {ADJ:a}, so this {THING:t} is (?:probably|likely) {ADJ:b}", m =>
                G(m, "a") == G(m, "b") && Lexicon.Plural(G(m, "t")) == G(m, "ps")),
        };
    }

    private static string Therefore(Slots s) => s.Coin() ? "so" : "therefore";

    private static string G(Match m, string group) => m.Groups[group].Value;

    /// <summary>Rewrites an argument from its two premises, which every realization states first.</summary>
    private static string Rewrite(string clause, Func<string, string, string> form)
    {
        var parts = clause.Split(", ");
        var p = parts[0].StartsWith("if ", StringComparison.Ordinal) ? parts[0][3..] : parts[0]["either ".Length..].Split(" or ")[0];
        var q = parts[0].StartsWith("if ", StringComparison.Ordinal) ? parts[1]["then ".Length..] : parts[0].Split(" or ")[1];
        return form(p, q);
    }
}
