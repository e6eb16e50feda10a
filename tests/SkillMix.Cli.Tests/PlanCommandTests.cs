using System.Globalization;

namespace SkillMix.Cli.Tests;

public sealed class PlanCommandTests
{
    [Fact]
    public async Task Plan_counts_every_steps_calls_from_the_declarations_and_prices_them_without_calling()
    {
        using var experiment = new PlannedExperiment(("Teacher", "openai:gpt-4"));
        var (exit, output, error) = await CliRunner.RunAsync("plan", experiment.StepsDirectory, "--store", experiment.Store);
        Assert.True(exit == 0, error);
        var rows = output.Split('\n', StringSplitOptions.TrimEntries)
            .Select(line => line.Split(" | "))
            .Where(cells => cells.Length == 9 && cells[0] != "step")
            .ToDictionary(cells => cells[0]);

        // The teacher's two turns for each of 5 attempts, every reply counted at the 1024-token cap.
        var generate = rows["generate.D1"];
        Assert.Equal(("to run", "openai:gpt-4", "10", "10240"), (generate[3], generate[4], generate[5], generate[7]));
        // gpt-4 lists at 30 USD per million input tokens and 60 per million output tokens.
        var input = long.Parse(generate[6], CultureInfo.InvariantCulture);
        Assert.Equal(Math.Round((input * 30m + 10240 * 60m) / 1_000_000m, 2), decimal.Parse(generate[8], CultureInfo.InvariantCulture));
        // One grading per teacher text (FilterGradings 1); the offline grader costs nothing.
        Assert.Equal(("5", "0.00"), (rows["grade.D1"][5], rows["grade.D1"][8]));
        // 2 k x 3 combinations x 2 answers x 2 turns; then each answer graded 3 times.
        Assert.Equal(("24", (24 * 512).ToString(CultureInfo.InvariantCulture)), (rows["sample.base.held-out"][5], rows["sample.base.held-out"][7]));
        Assert.Equal("36", rows["grade.base.held-out"][5]);
        Assert.Equal("0", rows["report"][5]);
        Assert.Contains("SkillMix plan total: 75 calls", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_without_a_plan_says_how_to_make_one()
    {
        var empty = Directory.CreateTempSubdirectory("skillmix-plan-empty-");
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("plan", empty.FullName);
            Assert.Equal(1, exit);
            Assert.Contains("-t:SkillMixPlan", error, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
