namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// The paper's experiments cannot run here (they need API keys and GPU training), so what is tested is what a researcher
/// does first: plan them without keys, and see a real build stop with the variable to set before any step runs.
/// These tests change OPENAI_API_KEY and ANTHROPIC_API_KEY of this process (the builds inherit them); no other test reads them.
/// </summary>
public sealed class PaperExperimentTests
{
    [Theory]
    [InlineData("Paper.Llama2-13B", "hf:meta-llama/Llama-2-13b-chat-hf")]
    [InlineData("Paper.Mistral-7B", "hf:mistralai/Mistral-7B-Instruct-v0.2")]
    public void Plan_mode_needs_no_key_and_prints_every_step_with_its_calls_and_cost(string name, string student)
    {
        using var keys = new KeylessEnvironment();
        using var experiment = ExperimentFolder.CopyOf(name);
        var (skills, topics) = ProtocolSizedWorld.WriteTo(experiment.Root);
        var store = Path.Combine(experiment.Root, "store");

        var run = experiment.Build(store, "SkillMixMode=plan", $"WorldSkills={skills}", $"WorldTopics={topics}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Ran);
        Assert.False(Directory.Exists(experiment.Results), "plan mode wrote results");
        // D(1) is 5,000 attempts of the teacher's two-turn conversation with GPT-4, at its list price.
        Assert.Matches(@"generate\.D1 \| generate \| [0-9a-f]{12} \| to run \| openai:gpt-4 \| 10000 \| \d+ \| 10240000 \| \d+\.\d\d", run.Output);
        // Every model, 5 of them (base and 4 fine-tunes), answers 13 k-settings x 100 combinations x 3 times, in two turns.
        Assert.Matches($@"sample\.D123-8k\.all \| sample \| [0-9a-f]{{12}} \| to run \| {System.Text.RegularExpressions.Regex.Escape(student)} \| 3000 \|", run.Output);
        // 3 gradings of each of those 3 x 100 answers per k, by GPT-4 and again by Claude.
        Assert.Matches(@"grade\.base\.held-out \| grade-samples \| [0-9a-f]{12} \| to run \| openai:gpt-4 \| 3600 \|", run.Output);
        Assert.Matches(@"grade2\.base\.held-out \| grade-samples \| [0-9a-f]{12} \| to run \| anthropic:claude-opus-4-5 \| 3600 \|", run.Output);
        Assert.Contains("SkillMix plan total: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("a real build would stop (SKMX014)", run.Output, StringComparison.Ordinal);
        Assert.Contains("a real build would stop (SKMX013)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_build_without_keys_stops_before_any_step_and_names_the_variables()
    {
        using var keys = new KeylessEnvironment();
        using var experiment = ExperimentFolder.CopyOf("Paper.Mistral-7B");
        var (skills, topics) = ProtocolSizedWorld.WriteTo(experiment.Root);

        var run = experiment.Build(Path.Combine(experiment.Root, "store"), $"WorldSkills={skills}", $"WorldTopics={topics}");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(run.Ran);
        Assert.Contains("error SKMX014: 3 steps (generate.D1, generate.D2, generate.D3) call openai:gpt-4 (the teacher)", run.Output, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", run.Output, StringComparison.Ordinal);
        Assert.Contains("ANTHROPIC_API_KEY", run.Output, StringComparison.Ordinal);
        Assert.Contains("error SKMX013:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_world_files_the_error_names_the_properties_to_set()
    {
        using var keys = new KeylessEnvironment();
        using var experiment = ExperimentFolder.CopyOf("Paper.Llama2-13B");

        var run = experiment.Build(Path.Combine(experiment.Root, "store"), "SkillMixMode=plan");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error SKMX008", run.Output, StringComparison.Ordinal);
        Assert.Contains("WorldSkills", run.Output, StringComparison.Ordinal);
        Assert.Contains("WorldTopics", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Removes the providers' key variables from this process (and so from its builds), and puts them back.</summary>
    private sealed class KeylessEnvironment : IDisposable
    {
        private static readonly string[] Names = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SKILLMIX_CALL_MODE"];
        private readonly string?[] _saved = Names.Select(Environment.GetEnvironmentVariable).ToArray();

        public KeylessEnvironment()
        {
            foreach (var name in Names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }

        public void Dispose()
        {
            for (var i = 0; i < Names.Length; i++)
            {
                Environment.SetEnvironmentVariable(Names[i], _saved[i]);
            }
        }
    }
}
