using System.Text.Json.Nodes;
using SkillMix.FakeModelServer;
using SkillMix.Store;

namespace SkillMix.Cli.Tests;

/// <summary>
/// What stops a build before money is spent: a missing key or an unavailable student (before any step), and the budget
/// (before any call that could pass it). These tests set OPENAI_* variables of this process; no other test reads them.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class BudgetAndPreflightTests
{
    [Fact]
    public void Check_names_the_key_variable_and_the_student_and_groups_steps_by_reason()
    {
        // An empty Hugging Face cache, so the checkpoint is missing whatever this machine holds.
        var hub = Directory.CreateTempSubdirectory("skillmix-hub-").FullName;
        using var environment = new Variables(("OPENAI_API_KEY", null), ("SKILLMIX_CALL_MODE", null), ("HF_HUB_CACHE", hub));
        using var experiment = new PlannedExperiment(("Teacher", "openai:gpt-4"), ("Grader", "openai:gpt-4"),
            ("Student", "hf:mistralai/Mistral-7B-Instruct-v0.2"));
        using var log = new StringWriter();

        var exit = Steps.Preflight.StepCheck.Run(experiment.Steps.Select(s => experiment.StepFile(s.Id)).ToList(), StepStore.Open(experiment.Store), log);

        Assert.Equal(1, exit);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("error SKMX014: step generate.D1 calls openai:gpt-4 (the teacher)", StringComparison.Ordinal)
            && l.Contains("OPENAI_API_KEY", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("error SKMX014: 2 steps (grade.D1, grade.base.held-out) call openai:gpt-4 (the grader)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("error SKMX040: step sample.base.held-out needs the student checkpoint: The student checkpoint 'hf:mistralai/Mistral-7B-Instruct-v0.2' was not found", StringComparison.Ordinal)
            && l.Contains(Path.Combine(hub, "models--mistralai--Mistral-7B-Instruct-v0.2"), StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith(Path.Combine(experiment.Root, "Tiny.csproj") + ": error SKMX0", l, StringComparison.Ordinal));
        Directory.Delete(hub);
    }

    [Fact]
    public void With_the_key_set_and_replayed_calls_nothing_is_in_the_way()
    {
        using var experiment = new PlannedExperiment(("Teacher", "openai:gpt-4"));
        using var environment = new Variables(("OPENAI_API_KEY", "sk-test-not-real"), ("SKILLMIX_CALL_MODE", null));
        using var log = new StringWriter();
        Assert.Equal(0, Steps.Preflight.StepCheck.Run([experiment.StepFile("generate.D1")], StepStore.Open(experiment.Store), log));
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public async Task The_budget_stops_a_step_before_its_first_call_when_the_other_steps_spent_it()
    {
        using var experiment = new PlannedExperiment(("Teacher", "openai:gpt-4"), ("SkillMixBudgetUsd", "1.5"));
        await using var server = await FakeServer.StartAsync();
        using var environment = new Variables(("OPENAI_API_KEY", "sk-test-not-real"), ("OPENAI_BASE_URL", server.OpenAIEndpoint.ToString()),
            ("SKILLMIX_CALLS", Path.Combine(experiment.Root, "calls")), ("SKILLMIX_CALL_MODE", null));
        // Another step of the experiment recorded 1.49 USD: what is left cannot cover one worst-case gpt-4 call (1024 output tokens = 0.06 USD).
        var sibling = experiment.Steps.Single(s => s.Id == "grade.base.held-out");
        var manifest = new StepManifest(sibling.Definition, [], DateTimeOffset.UtcNow, "test",
            new JsonObject { ["usage"] = new JsonObject { ["calls"] = 3, ["costUsd"] = 1.49 } });
        File.WriteAllText(Path.Combine(experiment.StepsDirectory, "grade.base.held-out.manifest.json"), manifest.ToJson());

        var (exit, output, error) = await RunStepAsync(experiment, "generate.D1");

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("error SKMX012", StringComparison.Ordinal));
        Assert.Contains("step generate.D1", line, StringComparison.Ordinal);
        Assert.Contains("SkillMixBudgetUsd=1.5", line, StringComparison.Ordinal);
        Assert.Contains("1.49", line, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
        Assert.False(File.Exists(Path.Combine(experiment.StepsDirectory, "generate.D1.manifest.json")), error);
    }

    [Fact]
    public async Task Within_budget_a_step_runs_and_records_its_cost()
    {
        using var experiment = new PlannedExperiment(("Teacher", "openai:gpt-4"), ("SkillMixBudgetUsd", "20"));
        await using var server = await FakeServer.StartAsync();
        using var environment = new Variables(("OPENAI_API_KEY", "sk-test-not-real"), ("OPENAI_BASE_URL", server.OpenAIEndpoint.ToString()),
            ("SKILLMIX_CALLS", Path.Combine(experiment.Root, "calls")), ("SKILLMIX_CALL_MODE", null));

        var (exit, output, _) = await RunStepAsync(experiment, "generate.D1");

        Assert.True(exit == 0, output);
        Assert.Equal(10, server.RequestCount);
        var usage = StepManifest.Parse(File.ReadAllText(Path.Combine(experiment.StepsDirectory, "generate.D1.manifest.json")), "manifest")
            .Metadata["usage"]!;
        // The fake server reports a token per 4 characters; at gpt-4's list price the 10 calls cost what their tokens say.
        var expected = (usage["inputTokens"]!.GetValue<long>() * 30m + usage["outputTokens"]!.GetValue<long>() * 60m) / 1_000_000m;
        Assert.Equal(10, usage["calls"]!.GetValue<int>());
        Assert.Equal((double)expected, usage["costUsd"]!.GetValue<double>(), 9);
    }

    private static async Task<(int Exit, string Output, string Error)> RunStepAsync(PlannedExperiment experiment, string step) =>
        await CliRunner.RunAsync("step", "run", experiment.StepFile(step), "--store", experiment.Store);

    /// <summary>Sets environment variables of this process and puts the old values back.</summary>
    internal sealed class Variables : IDisposable
    {
        private readonly (string Name, string? Value)[] _saved;

        public Variables(params (string Name, string? Value)[] values)
        {
            _saved = values.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name))).ToArray();
            foreach (var (name, value) in values)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
