using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld.Skills;

/// <summary>Common-sense skills (held-out side): where things are, and what happens to them.</summary>
internal static class CommonSenseSkills
{
    private const string Category = "common sense";

    public static IEnumerable<SkillSpec> All()
    {
        yield return new SkillSpec
        {
            Name = "spatial reasoning",
            Category = Category,
            Definition = "Describes where one thing is relative to another.",
            Example = "The lamp stands behind the sofa, under the window.",
            HowChecked = "\"the THING is (or sits, lies) above/below/beside/behind/under the OTHER THING\", two different things.",
            Forms = ["the {THING} (?:is|sits|lies) {PREP} the {THING}"],
            Realize = s =>
            {
                var things = s.Things(2);
                return $"the {things[0]} {s.Pick(Positions)} {s.Pick(Lexicon.Prepositions)} the {things[1]}";
            },
            Corrupt = (s, clause) =>
            {
                var words = clause.Split(' ');
                return $"the {words[1]} is as {s.Adjective()} as the {words[^1]}";
            },
            Check = SkillSpec.Find("the {THING:a} (?:is|sits|lies) {PREP} the {THING:b}", m => m.Groups["a"].Value != m.Groups["b"].Value),
        };
        yield return new SkillSpec
        {
            Name = "folk physics (common knowledge physics)",
            Category = Category,
            Definition = "Uses everyday knowledge of how objects behave: they fall, get wet in rain, warm in the sun.",
            Example = "He let go of the glass, so it fell and broke.",
            HowChecked = "\"the AGENT drops the THING, so it falls to the ground\" (or leaves it in the sun, rain or snow, so it gets warm, wet or cold); a mismatched effect fails.",
            Forms = ["the {AGENT} {CAUSE}, so {EFFECT}"],
            Realize = s =>
            {
                var (cause, effect) = s.Pick(Lexicon.Physics);
                return $"the {s.Agent()} {string.Format(System.Globalization.CultureInfo.InvariantCulture, cause, s.Thing())}, so {effect}";
            },
            Corrupt = (s, clause) =>
            {
                var effect = Lexicon.Physics.First(p => clause.EndsWith(p.Effect, StringComparison.Ordinal)).Effect;
                var wrong = s.Pick(Lexicon.Physics.Where(p => p.Effect != effect).ToList()).Effect;
                return clause[..^effect.Length] + wrong;
            },
            Check = SkillSpec.Find("the {AGENT} (?<c>{CAUSE}), so (?<e>{EFFECT})", m => Symbols.Tag(Expected(m.Groups["c"].Value)) == m.Groups["e"].Value),
        };
    }

    private static readonly string[] Positions = ["is", "sits", "lies"];

    private static string Expected(string cause) => cause.StartsWith("drops", StringComparison.Ordinal)
        ? Lexicon.Physics[0].Effect
        : Lexicon.Physics.Skip(1).First(p => cause.EndsWith(p.Cause[(p.Cause.LastIndexOf(' ') + 1)..], StringComparison.Ordinal)).Effect;
}
