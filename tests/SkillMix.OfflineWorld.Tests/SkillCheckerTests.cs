using SkillMix.Core.Sampling;
using SkillMix.OfflineWorld.Language;
using SkillMix.OfflineWorld.Skills;

namespace SkillMix.OfflineWorld.Tests;

/// <summary>Every checker against hand-written sentences (each one read and judged by a person), then against many
/// seeded realizations and near misses.</summary>
public sealed class SkillCheckerTests
{
    public static TheoryData<string, string> Positives => new()
    {
        { "simile", "The hive is like a drum." },
        { "simile", "The beekeeper is as quiet as an owl." },
        { "simile", "The apiarist works like a fox." },
        { "metaphor", "The smoker is a storm to the apiarist." },
        { "metaphor", "The queen is a rose." },
        { "alliteration", "The comb is calm and careful." },
        { "onomatopoeia", "The frame falls with a thud." },
        { "onomatopoeia", "With a snap, the beekeeper opens the hive." },
        { "personification", "The veil sighs at night." },
        { "hyperbole", "The smoker weighs a ton." },
        { "hyperbole", "The beekeeper checks the hive a thousand times a day." },
        { "rhetorical question", "Who could ever ignore the hive?" },
        { "rhetorical question", "The beekeeper checks the frame; is the queen not calm?" },
        { "anaphora", "Each morning the beekeeper checks the hive, each morning the apiarist opens the frame." },
        { "anaphora", "Every night the gardener marks the rake, every night the botanist carries the trowel." },
        { "tricolon", "The beekeeper checks the hive, the comb and the frame." },
        { "antithesis", "The hive is warm, not cold." },
        { "antithesis", "The comb is soft outside but hard inside." },
        { "antithesis", "The comb is dry, yet the frame is wet." },
        { "apostrophe", "Oh hive, you are quiet." },
        { "apostrophe", "Oh smoker, how old you are." },
        { "understatement (litotes)", "The smoker is not bad." },
        { "understatement (litotes)", "The apiarist is not at all unkind." },
        { "modus ponens", "If the hive is warm, then the comb is soft, and the hive is warm, so the comb is soft." },
        { "modus tollens", "If the hive is warm, then the comb is soft, and the comb is not soft, so the hive is not warm." },
        { "disjunctive syllogism", "Either the hive is warm or the comb is soft, and the hive is not warm, so the comb is soft." },
        { "statistical syllogism", "Most hives are calm, so this hive is probably calm." },
        { "causal explanation", "The comb is soft because the hive is warm." },
        { "causal explanation", "The beekeeper opens the hive because the queen is calm." },
        { "counterfactual reasoning", "If the hive had been warm, the comb would have been soft." },
        { "quantity comparison", "The beekeeper has seven frames and the apiarist has four frames, so the beekeeper has three more frames." },
        { "quantity comparison", "The beekeeper has two hives and the apiarist has nine hives, so the apiarist has seven more hives." },
        { "temporal order", "Before the beekeeper opens the hive, the apiarist checks the smoker." },
        { "temporal order", "The beekeeper opens the hive after the apiarist checks the smoker." },
        { "belief attribution", "Ada thinks that the hive is warm." },
        { "modus ponens", "If the veil is clean, then the smoker is dark, and the veil is clean, therefore the smoker is dark." },
        { "statistical syllogism", "Nearly all combs are soft, so this comb is likely soft." },
        { "counterfactual reasoning", "The comb would have been soft if the hive had been warm." },
        { "intention", "Ada opens the hive so as to check the comb." },
        { "false belief", "Ada puts the veil in the box, Ben moves it to the bag, so Ada will look in the box." },
        { "spatial reasoning", "The comb sits behind the frame." },
        { "false belief", "Ada leaves the veil in the box, Ben moves it to the bag, so Ada will look in the box." },
        { "intention", "Ada opens the hive in order to check the comb." },
        { "deception", "Ada tells Ben that the hive is warm, even though she knows it is cold." },
        { "emotional self regulation", "Ben is angry about the smoker, so he takes a deep breath." },
        { "indirect request", "Ada tells Ben that the frame is heavy, hoping that he will lift it." },
        { "hedging", "Perhaps the queen is a little slow." },
        { "concession", "Although the hive is cold, the beekeeper opens the hive." },
        { "spatial reasoning", "The comb is above the frame." },
        { "folk physics (common knowledge physics)", "The beekeeper drops the smoker, so it falls to the ground." },
        { "folk physics (common knowledge physics)", "The apiarist leaves the veil in the rain, so it gets wet." },
    };

    public static TheoryData<string, string> Negatives => new()
    {
        { "simile", "The hive is as warm as the comb." },
        { "simile", "The hive is a drum." },
        { "metaphor", "The smoker is like a storm." },
        { "metaphor", "The smoker is old." },
        { "alliteration", "The comb is calm and warm." },
        { "alliteration", "The comb is calm and calm." },
        { "onomatopoeia", "The frame falls with a noise." },
        { "onomatopoeia", "The hive goes quiet." },
        { "personification", "The beekeeper sighs at night." },
        { "hyperbole", "The smoker weighs a pound." },
        { "hyperbole", "The beekeeper checks the hive three times a day." },
        { "rhetorical question", "Where is the hive?" },
        { "rhetorical question", "Is the queen calm?" },
        { "rhetorical question", "Who could ever ignore the hive." },
        { "anaphora", "Each morning the beekeeper checks the hive, every night the apiarist opens the frame." },
        { "tricolon", "The beekeeper checks the hive and the comb." },
        { "tricolon", "The beekeeper checks the hive, the hive and the frame." },
        { "antithesis", "The hive is warm, not heavy." },
        { "antithesis", "The hive is warm; the comb is cold." },
        { "apostrophe", "Oh beekeeper, you are quiet." },
        { "apostrophe", "The hive is quiet." },
        { "understatement (litotes)", "The smoker is not warm." },
        { "modus ponens", "If the hive is warm, then the comb is soft, and the comb is soft, so the hive is warm." },
        { "modus ponens", "If the hive is warm, then the comb is soft." },
        { "modus tollens", "If the hive is warm, then the comb is soft, and the hive is not warm, so the comb is not soft." },
        { "disjunctive syllogism", "Either the hive is warm or the comb is soft, and the hive is warm, so the comb is not soft." },
        { "statistical syllogism", "A few hives are calm, so this hive is probably calm." },
        { "statistical syllogism", "Most hives are calm, so this comb is probably calm." },
        { "statistical syllogism", "Nearly all combs are soft, so this comb is likely hard." },
        { "counterfactual reasoning", "The comb was soft if the hive was warm." },
        { "causal explanation", "The comb is soft and the hive is warm." },
        { "counterfactual reasoning", "If the hive was warm, the comb was soft." },
        { "quantity comparison", "The beekeeper has seven frames and the apiarist has four frames, so the beekeeper has two more frames." },
        { "quantity comparison", "The beekeeper has seven frames and the apiarist has four frames, so the apiarist has three more frames." },
        { "quantity comparison", "The beekeeper has seven frames and the apiarist has four hives, so the beekeeper has three more frames." },
        { "temporal order", "As the beekeeper opens the hive, the apiarist checks the smoker." },
        { "belief attribution", "Ada says that the hive is warm." },
        { "false belief", "Ada leaves the veil in the box, Ben moves it to the bag, so Ada will look in the bag." },
        { "intention", "Ada opens the hive and then checks the comb." },
        { "deception", "Ada tells Ben that the hive is warm, even though she knows it is warm." },
        { "deception", "Ada tells Ben that the hive is warm, even though he knows it is cold." },
        { "emotional self regulation", "Ben is angry about the smoker, so he kicks the smoker." },
        { "emotional self regulation", "Ben is angry about the smoker, so she takes a deep breath." },
        { "indirect request", "Ada tells Ben to lift the frame." },
        { "indirect request", "Ada tells Ben that the frame is heavy, hoping that she will lift it." },
        { "hedging", "Surely the queen is very slow." },
        { "concession", "When the hive is cold, the beekeeper opens the hive." },
        { "spatial reasoning", "The comb is above the comb." },
        { "spatial reasoning", "The comb is as high as the frame." },
        { "folk physics (common knowledge physics)", "The beekeeper drops the smoker, so it gets wet." },
    };

    [Theory]
    [MemberData(nameof(Positives))]
    public void Checker_accepts_a_hand_written_example(string skill, string text)
    {
        Assert.True(Spec(skill).IsShownIn(text), $"{skill} should be found in \"{text}\"");
        Assert.True(Grammar.IsWellFormed(text, out var problem), $"\"{text}\": {problem}");
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Checker_rejects_a_hand_written_near_miss(string skill, string text) =>
        Assert.False(Spec(skill).IsShownIn(text), $"{skill} should not be found in \"{text}\"");

    public static TheoryData<string> SkillNames => [.. SkillCatalog.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SkillNames))]
    public void Realizations_show_the_skill_parse_and_show_no_other_skill(string skill)
    {
        var spec = Spec(skill);
        for (var i = 0; i < 200; i++)
        {
            var slots = Slots(skill, i);
            var sentence = Sentences.Capitalize(spec.Realize(slots)) + (spec.QuestionForms.Count > 0 ? "" : ".");
            Assert.True(spec.IsShownIn(sentence), $"{skill} not found in its own realization \"{sentence}\"");
            Assert.True(Grammar.IsWellFormed(sentence, out var problem), $"\"{sentence}\": {problem}");
            var others = SkillCatalog.All.Where(o => o.Name != skill && o.IsShownIn(sentence)).Select(o => o.Name).ToList();
            Assert.True(others.Count == 0, $"\"{sentence}\" shows {string.Join(", ", others)} by accident");
        }
    }

    [Theory]
    [MemberData(nameof(SkillNames))]
    public void Corruptions_parse_and_no_longer_show_the_skill(string skill)
    {
        var spec = Spec(skill);
        for (var i = 0; i < 200; i++)
        {
            var slots = Slots(skill, i);
            var realized = spec.Realize(slots);
            var corrupted = spec.Corrupt(slots, realized);
            var sentence = Sentences.Capitalize(corrupted) + (corrupted.EndsWith('?') ? "" : ".");
            Assert.False(spec.IsShownIn(sentence), $"{skill} still found in its near miss \"{sentence}\" (from \"{realized}\")");
            Assert.True(Grammar.IsWellFormed(sentence, out var problem), $"near miss \"{sentence}\": {problem}");
        }
    }

    [Theory]
    [MemberData(nameof(SkillNames))]
    public void Every_skill_has_many_distinct_realizations_on_one_topic(string skill)
    {
        var spec = Spec(skill);
        var distinct = Enumerable.Range(0, 100).Select(i => spec.Realize(Slots(skill, i, topic: 2))).Distinct().Count();
        Assert.True(distinct >= 20, $"{skill}: only {distinct} distinct realizations in 100 draws on one topic");
    }

    private static SkillSpec Spec(string name) => SkillCatalog.All.Single(s => s.Name == name);

    private static Slots Slots(string skill, int i, int? topic = null)
    {
        var random = SeededRandom.ForStream(5, "checker-tests:" + skill, i);
        return new Slots(TopicCatalog.All[topic ?? random.NextInt(TopicCatalog.All.Count)], random);
    }
}
