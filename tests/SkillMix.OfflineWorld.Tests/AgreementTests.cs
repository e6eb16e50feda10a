using SkillMix.Core.Prompts;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.OfflineWorld.Tests;

public sealed class AgreementTests
{
    private static readonly CheckableWorld World = CheckableWorld.Default;

    [Fact]
    public void Grader_agrees_with_the_teachers_record_on_at_least_99_percent_of_points()
    {
        var teacher = World.Teacher();
        var grader = World.Grader();
        var points = 0;
        var agreed = 0;
        var disagreements = new List<string>();
        for (var k = 1; k <= 5; k++)
        {
            foreach (var c in CombinationSampler.Sample(World.World, Pool.All, Pool.All, k, 600, seed: 7))
            {
                var limit = SentenceLimit.For(k);
                var composition = teacher.Compose(c.Skills, c.Topic, limit, seed: 7, repeat: 1);
                var verdict = grader.Grade(c.Skills, c.Topic, limit, composition.Text);
                var expected = composition.Record.Points;
                for (var i = 0; i < expected.Count; i++)
                {
                    points++;
                    if (expected[i] == verdict.Points[i])
                    {
                        agreed++;
                    }
                    else if (disagreements.Count < 20)
                    {
                        disagreements.Add($"{verdict.Criteria[i]}: teacher {expected[i]}, grader {verdict.Points[i]} ({verdict.Reasons[i]}) in \"{composition.Text}\"");
                    }
                }
            }
        }
        var rate = (double)agreed / points;
        Assert.True(rate >= 0.99, $"agreement {rate:P2} on {points} points; first disagreements:\n{string.Join("\n", disagreements)}");
    }
}
