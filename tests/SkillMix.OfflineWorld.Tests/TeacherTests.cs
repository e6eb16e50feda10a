using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.OfflineWorld.Tests;

public sealed class TeacherTests
{
    private static readonly CheckableWorld World = CheckableWorld.Default;

    [Fact]
    public void Reruns_are_identical_and_repeats_are_distinct_draws()
    {
        var teacher = World.Teacher();
        var c = CombinationSampler.Sample(World.World, Pool.All, Pool.All, 3, 1, seed: 3)[0];
        var a = teacher.Compose(c.Skills, c.Topic, 2, seed: 3, repeat: 1);
        var b = World.Teacher().Compose(c.Skills, c.Topic, 2, seed: 3, repeat: 1);
        Assert.Equal(a.DraftReply, b.DraftReply);
        Assert.Equal(a.Reply, b.Reply);
        Assert.Equal(a.Record.Points, b.Record.Points);
        var texts = Enumerable.Range(1, 5).Select(r => teacher.Compose(c.Skills, c.Topic, 2, 3, r).Text).ToHashSet();
        Assert.Equal(5, texts.Count);
        Assert.NotEqual(a.Text, teacher.Compose(c.Skills, c.Topic, 2, seed: 4, repeat: 1).Text);
    }

    [Fact]
    public void Without_failures_every_text_earns_full_marks_within_the_sentence_limit()
    {
        var teacher = World.Teacher(FailureModel.None);
        var grader = World.Grader();
        for (var k = 1; k <= 5; k++)
        {
            foreach (var c in CombinationSampler.Sample(World.World, Pool.All, Pool.All, k, 100, seed: 11))
            {
                var limit = SentenceLimit.For(k);
                var composition = teacher.Compose(c.Skills, c.Topic, limit, 11, 1);
                var verdict = grader.Grade(c.Skills, c.Topic, limit, composition.Text);
                Assert.True(verdict.FullMarks, $"{string.Join(", ", c.Skills)} / {c.Topic}: \"{composition.Text}\"\n{string.Join("\n", verdict.Reasons)}");
                Assert.True(SentenceCounter.Count(composition.Text) <= limit);
            }
        }
    }

    [Fact]
    public void Texts_compose_several_skills_inside_one_sentence_when_k_is_above_two()
    {
        var teacher = World.Teacher(FailureModel.None);
        foreach (var c in CombinationSampler.Sample(World.World, Pool.All, Pool.All, 4, 50, seed: 12))
        {
            var text = teacher.Compose(c.Skills, c.Topic, 3, 12, 1).Text;
            var sentences = Language.Sentences.Split(text);
            var most = sentences.Max(s => c.Skills.Count(n => World.Skills.Single(x => x.Name == n).IsShownIn(s)));
            Assert.True(most >= 2, $"no sentence of \"{text}\" shows two skills");
        }
    }

    [Fact]
    public void The_draft_shows_every_skill_one_per_sentence_after_a_plain_opening()
    {
        var teacher = World.Teacher();
        var c = CombinationSampler.Sample(World.World, Pool.Train, Pool.Train, 3, 1, seed: 13)[0];
        var composition = teacher.Compose(c.Skills, c.Topic, 2, 13, 1);
        Assert.Equal(4, SentenceCounter.Count(composition.DraftText));
        Assert.All(c.Skills, n => Assert.True(World.Skills.Single(s => s.Name == n).IsShownIn(composition.DraftText)));
        Assert.StartsWith("Answer: ", composition.DraftReply, StringComparison.Ordinal);
        Assert.Contains("\nExplanation: ", composition.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void The_grader_refuses_every_corrupted_skill_and_keeps_the_other_points()
    {
        // Every skill slips, nothing else does: each skill point must be refused, each other point kept.
        var teacher = World.Teacher(new FailureModel(SkillSlip: 1, SkillSlipPerExtraSkill: 0, TopicDrift: 0, SenseSlip: 0, LengthSlip: 0, LengthSlipPerExtraSkill: 0));
        var grader = World.Grader();
        var refused = World.Skills.ToDictionary(s => s.Name, _ => 0);
        for (var k = 1; k <= 3; k++)
        {
            foreach (var c in CombinationSampler.Sample(World.World, Pool.All, Pool.All, k, 300, seed: 14))
            {
                var limit = SentenceLimit.For(k);
                var composition = teacher.Compose(c.Skills, c.Topic, limit, 14, 1);
                var verdict = grader.Grade(c.Skills, c.Topic, limit, composition.Text);
                for (var i = 0; i < k; i++)
                {
                    Assert.True(verdict.Points[i] == 0, $"{c.Skills[i]} passed although corrupted: \"{composition.Text}\"");
                    refused[c.Skills[i]]++;
                }
                Assert.True(verdict.Points.Skip(k).All(p => p == 1), $"\"{composition.Text}\"\n{string.Join("\n", verdict.Reasons)}");
            }
        }
        Assert.All(refused, pair => Assert.True(pair.Value >= 10, $"{pair.Key} was corrupted only {pair.Value} times"));
    }

    [Fact]
    public void The_full_mark_rate_falls_with_k()
    {
        var teacher = World.Teacher();
        var grader = World.Grader();
        var rates = new List<double>();
        for (var k = 1; k <= 5; k++)
        {
            var combinations = CombinationSampler.Sample(World.World, Pool.All, Pool.All, k, 400, seed: 15);
            var full = combinations.Count(c => grader.Grade(c.Skills, c.Topic, SentenceLimit.For(k),
                teacher.Compose(c.Skills, c.Topic, SentenceLimit.For(k), 15, 1).Text).FullMarks);
            rates.Add(full / 400.0);
        }
        for (var k = 1; k < rates.Count; k++)
        {
            Assert.True(rates[k] < rates[k - 1], $"full-mark rates by k: {string.Join(", ", rates)}");
        }
        Assert.True(rates[0] > 0.8 && rates[4] < 0.6, $"full-mark rates by k: {string.Join(", ", rates)}");
    }

    [Fact]
    public void Texts_and_grades_do_not_depend_on_how_many_threads_ask()
    {
        var teacher = World.Teacher();
        var grader = World.Grader();
        var combinations = CombinationSampler.Sample(World.World, Pool.All, Pool.All, 3, 400, seed: 16);
        string Run(Combination c)
        {
            var text = teacher.Compose(c.Skills, c.Topic, 2, 16, 1).Text;
            return text + " " + string.Join(",", grader.Grade(c.Skills, c.Topic, 2, text).Points);
        }
        var sequential = combinations.Select(Run).ToList();
        var parallel = combinations.AsParallel().AsOrdered().WithDegreeOfParallelism(4).Select(Run).ToList();
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Unknown_skills_and_topics_are_named_in_the_error()
    {
        var teacher = World.Teacher();
        var e = Assert.Throws<UnknownNameException>(() => teacher.Compose(["simile", "telepathy"], "Sewing", 1, 1, 1));
        Assert.Contains("'telepathy'", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<UnknownNameException>(() => teacher.Compose(["simile"], "Skydiving", 1, 1, 1));
        Assert.Contains("'Skydiving'", e.Message, StringComparison.Ordinal);
    }
}
