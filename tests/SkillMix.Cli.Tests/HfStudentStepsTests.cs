using System.Text.Json.Nodes;
using SkillMix.Core.Checkpoints;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;

namespace SkillMix.Cli.Tests;

/// <summary>
/// The base rows of a Paper-like design (a training set, a fine-tune, a held-out evaluation) with an hf: student: a tiny
/// random LLaMA the test writes, on CPU, with the offline world as grader. Its evaluation is sampled and graded for real;
/// the fine-tune stops with SKMX013 before anything runs.
/// </summary>
public sealed class HfStudentStepsTests
{
    private static PlannedExperiment Experiment(string student) => new(
        [new DeclaredItem(SpecReader.FineTuneItem, "D1", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Data"] = "D1" })],
        ("Student", student), ("MaxNewTokens", "6"), ("Temperature", "0.7"));

    [Fact]
    public async Task The_base_checkpoint_is_sampled_graded_and_aggregated_and_the_fine_tune_stops_with_SKMX013()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("skillmix-hf-").FullName, "tiny-llama");
        try
        {
            TinyHfCheckpoint.Write(folder);
            using var experiment = Experiment("hf:" + folder);
            Assert.DoesNotContain(experiment.Steps, s => s.Kind == StepKind.Pretrain);
            var sample = experiment.Steps.Single(s => s.Id == "sample.base.held-out");
            Assert.Equal(CheckpointContent.Hash(folder), sample.Parameters<SampleParameters>().StudentCheckpoint);

            var plan = await CliRunner.RunAsync("plan", experiment.StepsDirectory, "--store", experiment.Store);
            Assert.True(plan.ExitCode == 0, plan.Output + plan.Error);
            var memory = Assert.Single(plan.Output.Split('\n'), l => l.StartsWith("SkillMix plan memory: sample.base.held-out on cpu in fp32: ", StringComparison.Ordinal));
            Assert.EndsWith("fits SkillMixGpuMemoryGiB=80.", memory, StringComparison.Ordinal);
            Assert.Contains("SkillMix plan: a real build would stop (SKMX013)", plan.Output, StringComparison.Ordinal);

            var train = await CliRunner.RunAsync("step", "check", experiment.StepFile("train.D1"), "--store", experiment.Store);
            Assert.Equal(1, train.ExitCode);
            Assert.Contains("error SKMX013: step train.D1 fine-tunes an hf: student", train.Output, StringComparison.Ordinal);

            string[] baseRows = ["sample.base.held-out", "grade.base.held-out", "aggregate.base.held-out"];
            var check = await CliRunner.RunAsync(["step", "check", .. baseRows.Select(experiment.StepFile), "--store", experiment.Store]);
            Assert.True(check.ExitCode == 0, check.Output + check.Error);
            var run = await CliRunner.RunAsync(["step", "run", .. baseRows.Select(experiment.StepFile), "--store", experiment.Store]);
            Assert.True(run.ExitCode == 0, run.Output + run.Error);

            // 2 k x 3 combinations x 2 generations, each a two-turn conversation answered by the checkpoint.
            var generations = File.ReadAllLines(Path.Combine(sample.OutputDirectory, "generations.jsonl"));
            Assert.Equal(12, generations.Length);
            var first = JsonNode.Parse(generations[0])!;
            Assert.StartsWith("skillmix-hf:" + CheckpointContent.Hash(folder)[..16], first["model"]!.GetValue<string>(), StringComparison.Ordinal);
            var grading = experiment.Steps.Single(s => s.Id == "grade.base.held-out");
            Assert.Equal(12 * 3, File.ReadAllLines(Path.Combine(grading.OutputDirectory, "gradings.jsonl")).Length);
            Assert.True(File.Exists(Path.Combine(experiment.Steps.Single(s => s.Id == "aggregate.base.held-out").OutputDirectory, "metrics.json")));

            // Sampling is seeded per request: the same step computed again gives the same answers.
            Directory.Delete(sample.OutputDirectory, recursive: true);
            var again = await CliRunner.RunAsync("step", "run", experiment.StepFile("sample.base.held-out"), "--store", Path.Combine(experiment.Root, "store2"));
            Assert.True(again.ExitCode == 0, again.Output + again.Error);
            Assert.Equal(generations, File.ReadAllLines(Path.Combine(sample.OutputDirectory, "generations.jsonl")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public async Task Cuda_on_a_machine_without_it_stops_the_sample_step_in_the_preflight_with_SKMX045()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("skillmix-hf-").FullName, "tiny-llama");
        try
        {
            TinyHfCheckpoint.Write(folder);
            using var experiment = new PlannedExperiment(("Student", "hf:" + folder), ("StudentDevice", "cuda"));

            var check = await CliRunner.RunAsync("step", "check", experiment.StepFile("sample.base.held-out"), "--store", experiment.Store);

            // The check loaded libtorch (in the step's numerics), so asking it now changes nothing.
            if (TorchSharp.torch.cuda.is_available())
            {
                // With a GPU and a CUDA libtorch, nothing is in the way.
                Assert.True(check.ExitCode == 0, check.Output + check.Error);
                return;
            }
            Assert.Equal(1, check.ExitCode);
            Assert.Contains("error SKMX045: step sample.base.held-out samples the student on StudentDevice=cuda: ", check.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_checkpoint_plans_and_the_preflight_names_where_it_looked()
    {
        var missing = Path.Combine(Path.GetTempPath(), "skillmix-no-such-checkpoint-" + Guid.NewGuid().ToString("N"));
        using var experiment = Experiment("hf:" + missing);

        var check = await CliRunner.RunAsync("step", "check", experiment.StepFile("sample.base.held-out"), "--store", experiment.Store);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("error SKMX040: step sample.base.held-out needs the student checkpoint", check.Output, StringComparison.Ordinal);
        Assert.Contains(missing, check.Output, StringComparison.Ordinal);
    }
}
