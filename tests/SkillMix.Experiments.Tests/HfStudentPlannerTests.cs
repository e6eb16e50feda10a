using System.Text.Json.Nodes;
using SkillMix.Core.Checkpoints;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;

namespace SkillMix.Experiments.Tests;

/// <summary>
/// An hf: student's base model is its checkpoint: no pretrain step, and the checkpoint's content (not its folder) in the
/// keys of the steps that read it. The hash reads files only, so a folder with config.json and some weight bytes is enough.
/// </summary>
public sealed class HfStudentPlannerTests : IDisposable
{
    private static readonly World World = SampleWorld.Load();
    private readonly string _root = Directory.CreateTempSubdirectory("skillmix-hfplan-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Checkpoint(string name, byte weight = 1)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        // The folder's own name is the student's name in the report; the folders it sits in are not in any key.
        File.WriteAllText(Path.Combine(folder, "config.json"), """{"model_type": "llama"}""");
        File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), [8, 0, 0, 0, 0, 0, 0, 0, weight]);
        return folder;
    }

    private static IReadOnlyList<StepFile> Plan(string student) =>
        PlanWriter.Resolve(ExperimentPlanner.Plan(Declarations.Read(Declarations.Properties(("Student", student)), Declarations.Items()), World),
            "Tiny", new JsonObject(), "/out");

    [Fact]
    public void An_hf_student_has_no_pretrain_step_and_its_base_samples_read_the_checkpoint_by_its_hash()
    {
        var folder = Checkpoint("a");

        var plan = Plan("hf:" + folder);

        Assert.DoesNotContain(plan, s => s.Kind == StepKind.Pretrain);
        var sample = plan.Single(s => s.Id == "sample.base.held-out");
        Assert.Empty(sample.Inputs);
        Assert.Equal(CheckpointContent.Hash(folder), sample.Parameters<SampleParameters>().StudentCheckpoint);
        var train = plan.Single(s => s.Kind == StepKind.Train);
        Assert.DoesNotContain("base", train.Inputs.Keys);
        Assert.Equal(CheckpointContent.Hash(folder), train.Parameters<TrainParameters>().StudentCheckpoint);
        // The fine-tuned model's samples read the train step, as the tiny student's do.
        Assert.Null(plan.Single(s => s.Id == "sample.D12.held-out").Parameters<SampleParameters>().StudentCheckpoint);
    }

    [Fact]
    public void The_keys_follow_the_checkpoint_s_bytes_not_its_folder()
    {
        var a = Plan("hf:" + Checkpoint("a")).ToDictionary(s => s.Id, s => s.Key);
        var moved = Plan("hf:" + Checkpoint("elsewhere/a")).ToDictionary(s => s.Id, s => s.Key);
        var changed = Plan("hf:" + Checkpoint("changed/a", weight: 2)).ToDictionary(s => s.Id, s => s.Key);

        Assert.Equal(a, moved);
        Assert.Equal(
            ["aggregate.D12.held-out", "aggregate.base.held-out", "grade.D12.held-out", "grade.base.held-out", "report",
             "sample.D12.held-out", "sample.base.held-out", "train.D12"],
            a.Keys.Where(id => a[id] != changed[id]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_tiny_student_s_keys_do_not_carry_a_checkpoint()
    {
        var plan = Plan("tinygpt");

        Assert.Contains(plan, s => s.Kind == StepKind.Pretrain);
        Assert.All(plan.Where(s => s.Kind == StepKind.Sample), s => Assert.Null(s.Parameters<SampleParameters>().StudentCheckpoint));
    }

    [Fact]
    public void A_missing_checkpoint_still_plans_and_the_context_says_where_it_was_looked_for()
    {
        var missing = Path.Combine(_root, "nowhere");
        var spec = Declarations.Read(Declarations.Properties(("Student", "hf:" + missing)), Declarations.Items());

        var plan = ExperimentPlanner.Plan(spec, World);
        var checkpoint = StudentCheckpoint.FromContext(ExperimentPlanner.Context(spec));

        Assert.Equal(StudentCheckpoint.Unresolved, plan.Single(s => s.Id == "sample.base.held-out").Parameters is SampleParameters p ? p.StudentCheckpoint : null);
        Assert.NotNull(checkpoint);
        Assert.Null(checkpoint.Folder);
        Assert.Equal("SKMX040", checkpoint.ProblemCode);
        Assert.Contains(missing, checkpoint.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_folder_is_found_beside_the_project_and_the_context_holds_its_path()
    {
        var folder = Checkpoint("models/mine");
        var properties = Declarations.Properties(("Student", "hf:models/mine"));
        var spec = Declarations.Read(properties, Declarations.Items()) with { ProjectFile = Path.Combine(_root, "Tiny.csproj") };

        var checkpoint = StudentCheckpoint.FromContext(ExperimentPlanner.Context(spec));

        Assert.Equal(Path.GetFullPath(folder), checkpoint!.Folder);
        Assert.Equal(CheckpointContent.Hash(folder), checkpoint.Identity);
    }
}
