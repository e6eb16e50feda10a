using System.Text.Json.Nodes;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// SkillMixNumerics=pinned, end to end: the smoke profile's pretrain step, built twice into empty stores with the native
/// settings libtorch would otherwise follow set differently in the build's environment (the step processes inherit it),
/// trains the same checkpoint to the bit, where native numerics under the same two settings train different ones.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed class PinnedNumericsBuildTests
{
    [Fact]
    public void A_pinned_pretrain_gives_the_same_checkpoint_whatever_the_native_settings_of_the_machine()
    {
        // ATen's widest vector level on this CPU against its generic kernels, and two threads against one: each of these
        // changes a native checkpoint (docs/training.md, "Numerics").
        var generic = new Dictionary<string, string?> { ["ATEN_CPU_CAPABILITY"] = "default", ["OMP_NUM_THREADS"] = "2", ["MKL_CBWR"] = null };
        var widest = new Dictionary<string, string?> { ["ATEN_CPU_CAPABILITY"] = null, ["OMP_NUM_THREADS"] = "1", ["MKL_CBWR"] = "AUTO" };

        var first = Pretrain("pinned", generic);
        var second = Pretrain("pinned", widest);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal("pinned/1", first.Numerics);
        Assert.Equal(first.Checkpoint, second.Checkpoint);

        // The two environments do differ where it matters: natively they train different checkpoints, under another key.
        var nativeFirst = Pretrain("native", generic);
        var nativeSecond = Pretrain("native", widest);
        Assert.Equal("native", nativeFirst.Numerics);
        Assert.NotEqual(first.Key, nativeFirst.Key);
        Assert.NotEqual(nativeFirst.Checkpoint, nativeSecond.Checkpoint);
    }

    private static (string Key, string Numerics, string Checkpoint) Pretrain(string numerics, Dictionary<string, string?> environment)
    {
        var store = Directory.CreateTempSubdirectory("skillmix-e2e-store-").FullName;
        try
        {
            using var experiment = ExperimentFolder.CopyOf("QuickStart");
            var run = experiment.BuildTargets("SkillMixPretrain", store, environment, "Profile=smoke", $"SkillMixNumerics={numerics}");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(run.Ran.Contains("pretrain"), run.ToString());
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(experiment.Project)!,
                "obj", "skillmix", "steps", "pretrain.manifest.json")))!;
            var checkpoint = manifest["files"]!.AsArray()
                .Single(f => f!["path"]!.GetValue<string>() == "checkpoint/model.safetensors")!["blob"]!.GetValue<string>();
            var keyText = manifest["definition"]!["parameters"]!["Training"]!["SkillMixNumerics"]!.GetValue<string>();
            return (manifest["key"]!.GetValue<string>(), keyText, checkpoint);
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }
}
