using Microsoft.Extensions.Logging;
using SkillMix.Steps.ChatModels;
using SkillMix.FakeModelServer;

namespace SkillMix.Cli.Tests;

/// <summary>Retries and waits of API calls appear in the step's output (which the SDK shows at normal verbosity).</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class RetryVisibilityTests
{
    [Fact]
    public async Task A_429_then_200_prints_one_line_with_method_url_status_and_delay_in_the_steps_output()
    {
        using var experiment = new PlannedExperiment(("Teacher", "openai:gpt-4"));
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.TooManyRequests(retryAfterMilliseconds: 15));
        using var environment = new BudgetAndPreflightTests.Variables(("OPENAI_API_KEY", "sk-test-not-real"),
            ("OPENAI_BASE_URL", server.OpenAIEndpoint.ToString()), ("SKILLMIX_CALLS", Path.Combine(experiment.Root, "calls")),
            ("SKILLMIX_CALL_MODE", null));

        var (exit, output, error) = await CliRunner.RunAsync("step", "run", experiment.StepFile("generate.D1"), "--store", experiment.Store);

        Assert.True(exit == 0, output + error);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("429", StringComparison.Ordinal));
        Assert.Equal($"SkillMix: generate.D1: POST {server.OpenAIEndpoint.ToString().TrimEnd('/')}/chat/completions got 429 Too Many Requests; retry 1 of 6 in 15 ms",
            line.TrimEnd());
        Assert.Equal(11, server.RequestCount);
    }

    [Fact]
    public void Past_the_first_lines_retries_are_summed_up_and_the_rest_is_reported_when_the_step_ends()
    {
        using var log = new StringWriter();
        var stepLog = new StepLog(log, "grade.D1", summaryInterval: TimeSpan.FromHours(1));

        for (var i = 1; i <= StepLog.ShownOneByOne + 7; i++)
        {
            stepLog.LogWarning("POST http://h/v1/chat/completions got 500 Internal Server Error; retry {N} of 6 in 10 ms", i);
        }
        var beforeEnd = log.ToString();
        stepLog.Dispose();

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(StepLog.ShownOneByOne + 2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("SkillMix: grade.D1: ", l, StringComparison.Ordinal));
        Assert.Contains("summed up every 3600 s", lines[StepLog.ShownOneByOne], StringComparison.Ordinal);
        Assert.DoesNotContain("7 more", beforeEnd, StringComparison.Ordinal);
        Assert.Equal("SkillMix: grade.D1: 7 more retries or waits since the last report; the latest: POST http://h/v1/chat/completions got 500 Internal Server Error; retry 27 of 6 in 10 ms",
            lines[^1]);
    }
}
