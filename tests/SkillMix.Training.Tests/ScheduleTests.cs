using SkillMix.Training.Training;

namespace SkillMix.Training.Tests;

public sealed class ScheduleTests
{
    [Fact]
    public void The_default_schedule_warms_up_linearly_then_stays_constant_as_in_the_paper()
    {
        var config = Tiny.Config(100) with { LearningRate = 0.002, WarmupSteps = 4 };
        Assert.Equal(0.0005, StudentTraining.LearningRate(config, 1), 12);
        Assert.Equal(0.001, StudentTraining.LearningRate(config, 2), 12);
        Assert.Equal(0.002, StudentTraining.LearningRate(config, 4));
        Assert.Equal(0.002, StudentTraining.LearningRate(config, 100));
    }

    [Fact]
    public void A_decaying_schedule_follows_a_cosine_from_the_peak_to_its_floor_at_the_last_step()
    {
        var config = Tiny.Config(110) with { LearningRate = 0.002, WarmupSteps = 10, DecayTo = 0.1 };
        Assert.Equal(0.002, StudentTraining.LearningRate(config, 10), 12);
        // Halfway through the decay the cosine is at its midpoint: (1 + 0.1) / 2 of the peak.
        Assert.Equal(0.0011, StudentTraining.LearningRate(config, 60), 12);
        Assert.Equal(0.0002, StudentTraining.LearningRate(config, 110), 12);
        var rates = Enumerable.Range(10, 101).Select(s => StudentTraining.LearningRate(config, s)).ToArray();
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second <= pair.First));
    }
}
