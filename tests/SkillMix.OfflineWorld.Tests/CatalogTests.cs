using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld.Language;
using SkillMix.OfflineWorld.Skills;

namespace SkillMix.OfflineWorld.Tests;

public sealed class CatalogTests
{
    [Fact]
    public void The_catalog_has_enough_skills_and_categories_split_the_papers_way()
    {
        Assert.True(SkillCatalog.All.Count >= 24);
        var categories = SkillCatalog.All.Select(s => s.Category).Distinct().ToList();
        Assert.True(categories.Count >= 5);
        var world = CheckableWorld.Default.World;
        Assert.Equal(["literary", "rhetorical"], world.TrainCategories);
        Assert.All(world.TrainSkills, s => Assert.Contains(s.Category, new[] { "literary", "rhetorical" }));
        Assert.Contains(world.HeldOutSkills, s => s.Category == "logic");
        Assert.Contains(world.HeldOutSkills, s => s.Category == "theory of mind");
        Assert.Contains(world.HeldOutSkills, s => s.Category == "common sense");
        Assert.All(SkillCatalog.All, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Definition));
            Assert.False(string.IsNullOrWhiteSpace(s.Example));
            Assert.False(string.IsNullOrWhiteSpace(s.HowChecked));
            Assert.True(s.Forms.Count + s.QuestionForms.Count > 0, s.Name);
        });
    }

    [Fact]
    public void Topics_are_many_and_every_topic_word_belongs_to_one_topic_and_no_other_word_class()
    {
        Assert.True(TopicCatalog.All.Count >= 40);
        var owners = new Dictionary<string, string>();
        foreach (var topic in TopicCatalog.All)
        {
            Assert.Equal(2, topic.Agents.Count);
            Assert.Equal(6, topic.Things.Count);
            foreach (var word in topic.Words.SelectMany(w => new[] { w, Lexicon.Plural(w) }))
            {
                Assert.True(owners.TryAdd(word, topic.Name), $"'{word}' is in {topic.Name} and {owners.GetValueOrDefault(word)}");
            }
        }
        var generic = Lexicon.Adjectives.Concat(Lexicon.Verbs.SelectMany(v => new[] { v.Third, v.Base })).Concat(Lexicon.Sounds)
            .Concat(Lexicon.HumanVerbs).Concat(Lexicon.Containers).Concat(Lexicon.Images.Select(i => i.Split(' ')[1])).ToHashSet();
        Assert.DoesNotContain(owners.Keys, generic.Contains);
        // Lexing builds the word-class table and fails on any word in two classes.
        Assert.Equal("the T is like a I.", Symbols.Lex("the hive is like a drum."));
    }

    [Fact]
    public void Every_topic_can_be_alliterated()
    {
        foreach (var topic in TopicCatalog.All)
        {
            Assert.Contains(topic.Words, w => Lexicon.Adjectives.Count(a => a[0] == w[0]) >= 2);
        }
    }

    [Fact]
    public void The_world_can_be_built_smaller_and_its_split_follows_the_options()
    {
        var small = CheckableWorld.Create(new OfflineWorldOptions(
            Skills: ["simile", "metaphor", "modus ponens", "hedging"], TopicCount: 6));
        Assert.Equal(4, small.World.Skills.Count);
        Assert.Equal(6, small.World.Topics.Count);
        Assert.Equal(3, small.World.TrainTopics.Count);
        Assert.Equal(["simile", "metaphor"], small.World.TrainSkills.Select(s => s.Name));
        Assert.Equal(CheckableWorld.Create(new OfflineWorldOptions(TopicCount: 6, Skills: ["simile", "metaphor", "modus ponens", "hedging"])).World.Identity,
            small.World.Identity);
        Assert.NotEqual(CheckableWorld.Default.World.Identity, small.World.Identity);
    }

    [Fact]
    public void Options_naming_an_unknown_skill_or_topic_are_refused_with_the_name()
    {
        var e = Assert.Throws<ArgumentException>(() => CheckableWorld.Create(new OfflineWorldOptions(Skills: ["simile", "irony"])));
        Assert.Contains("'irony'", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => CheckableWorld.Create(new OfflineWorldOptions(Topics: ["Skydiving"])));
        Assert.Contains("'Skydiving'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckableWorld.Create(new OfflineWorldOptions(TopicCount: 1)));
    }

    [Fact]
    public void Plain_text_is_well_formed_on_topic_and_shows_no_skill()
    {
        var world = CheckableWorld.Default;
        var sentences = world.PlainText().Generate(seed: 21, count: 500);
        Assert.Equal(sentences, world.PlainText().Generate(seed: 21, count: 500));
        Assert.True(sentences.Distinct().Count() > 450);
        foreach (var sentence in sentences)
        {
            Assert.True(Grammar.IsWellFormed(sentence, out var problem), $"\"{sentence}\": {problem}");
            Assert.Single(world.Topics, t => Grading.TopicCheck.Pertains(sentence, t.Name, out _));
            Assert.DoesNotContain(world.Skills, s => s.IsShownIn(sentence));
            Assert.True(sentence.Split(' ').Length <= 20, sentence);
        }
    }

    [Fact]
    public void Teacher_sentences_stay_short_and_the_vocabulary_is_closed()
    {
        var world = CheckableWorld.Default;
        var teacher = world.Teacher(Teaching.FailureModel.None);
        var words = new HashSet<string>();
        var longest = 0;
        foreach (var c in Core.Sampling.CombinationSampler.Sample(world.World, Pool.All, Pool.All, 3, 500, seed: 22))
        {
            var text = teacher.Compose(c.Skills, c.Topic, 2, 22, 1).Text;
            foreach (var sentence in Sentences.Split(text))
            {
                longest = Math.Max(longest, sentence.Split(' ').Length);
            }
            words.UnionWith(text.ToLowerInvariant().Split([' ', ',', ';', '.', '?'], StringSplitOptions.RemoveEmptyEntries));
        }
        Assert.True(longest <= 45, $"longest sentence has {longest} words");
        Assert.InRange(words.Count, 300, 2000);
    }
}
