using SkillMix.Steps;

namespace SkillMix.Steps.Tests;

public sealed class PretrainStepTests
{
    [Theory]
    // 700 steps of 8 rows over 16 skills x 10 topics: 5,600 rows, 160 prompts, 35 draws of each.
    [InlineData(700, 8, 160, 35)]
    // 300 steps of 8 rows over 30 x 44 prompts: 2,400 rows need a second draw of most prompts.
    [InlineData(300, 8, 1320, 2)]
    // Fewer rows than prompts: every prompt once, none skipped.
    [InlineData(8, 6, 200, 1)]
    [InlineData(0, 8, 160, 1)]
    public void The_teacher_writes_enough_draws_that_chat_tuning_sees_each_about_once(int steps, int batch, int prompts, int expected)
    {
        Assert.Equal(expected, PretrainStep.ChatRepeats(steps, batch, prompts));
    }
}
