using System.Text.Json.Nodes;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// Real builds against a store a power loss damaged (an empty manifest) and a store path that is a file: a warning or an
/// error in MSBuild's own terms, naming the file, never a stack trace; a damaged step is computed again.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed class DamagedStoreBuildTests
{
    [Fact]
    public void An_empty_manifest_in_the_store_is_a_build_warning_and_its_step_runs_again()
    {
        using var experiment = ExperimentFolder.CopyOf("QuickStart");
        var store = Path.Combine(experiment.Root, "store");
        var first = experiment.BuildTargets("SkillMixGenerate", store, "Profile=smoke");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.NotEmpty(first.Ran);
        var step = first.Ran[0];
        var obj = Path.Combine(Path.GetDirectoryName(experiment.Project)!, "obj");
        var key = JsonNode.Parse(File.ReadAllText(Path.Combine(obj, "skillmix", "steps", step + ".json")))!["key"]!.GetValue<string>();
        var manifest = Path.Combine(store, "steps", key[..2], key + ".json");
        File.WriteAllText(manifest, "");
        // A clean clone's view: nothing in the experiment's own folder says the step is up to date.
        Directory.Delete(obj, recursive: true);

        var plan = experiment.Build(store, "Profile=smoke", "SkillMixMode=plan");
        var build = experiment.BuildTargets("_SkillMixPreflight;SkillMixGenerate", store, "Profile=smoke");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"{step} | generate | {key[..12]} | to run |", plan.Output, StringComparison.Ordinal);
        Assert.Contains("SkillMix plan total:", plan.Output, StringComparison.Ordinal);
        Assert.Contains(plan.Output.Split('\n'), l => l.Contains(manifest, StringComparison.Ordinal) && l.Contains("warning SKMX010", StringComparison.Ordinal));
        Assert.Matches(@"\b[1-9][0-9]* Warning\(s\)", plan.Output);
        // The plan discarded the entry; the build finds it gone and runs the step.
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal([step], build.Ran);
        Assert.NotEqual(0, new FileInfo(manifest).Length);
        Assert.DoesNotContain("Unhandled exception", plan.Output + build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_as_the_store_stops_the_build_with_SKMX016_naming_it_and_the_property()
    {
        using var experiment = ExperimentFolder.CopyOf("QuickStart");
        var store = Path.Combine(experiment.Root, "store");
        File.WriteAllText(store, "a file, not a folder");

        var run = experiment.BuildTargets("_SkillMixPreflight", store, "Profile=smoke");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error SKMX016", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{store} is a file", run.Output, StringComparison.Ordinal);
        Assert.Contains("SkillMixStore", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Ran);
    }
}
