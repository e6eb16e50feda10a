using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkillMix.Store;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// The remote step cache and verify mode on the QuickStart smoke profile: a cold build pushes every step to a local
/// folder feed; a clean clone with an empty store restores everything from the feed; verify recomputes steps and checks
/// the results against the committed expected file, and catches a changed metric and a wrong stored output.
/// </summary>
public sealed class FeedAndVerifyTests(FeedAndVerifyTests.PushedBuild cold) : IClassFixture<FeedAndVerifyTests.PushedBuild>
{
    private static string ExpectedResults => Path.Combine(Repository.Root, "experiments", "QuickStart", "expected", "smoke.results.json");

    /// <summary>The smoke experiment built cold into its own store, pushing every step to a local folder feed.</summary>
    public sealed class PushedBuild : IDisposable
    {
        public PushedBuild()
        {
            Root = Directory.CreateTempSubdirectory("skillmix-e2e-feed-").FullName;
            Store = Path.Combine(Root, "store");
            Feed = Path.Combine(Root, "feed");
            Experiment = ExperimentFolder.CopyOf("QuickStart");
            // A small package cap, so the checkpoints travel split across several packages.
            Run = Experiment.Build(Store, "Profile=smoke", $"SkillMixRemoteCache={Feed}", "SkillMixRemoteCachePush=true",
                "SkillMixRemoteCacheMaxPackageSize=256K");
        }

        public string Root { get; }

        public string Store { get; }

        public string Feed { get; }

        public ExperimentFolder Experiment { get; }

        public BuildRun Run { get; }

        public void Dispose()
        {
            Experiment.Dispose();
            Directory.Delete(Root, recursive: true);
        }
    }

    [Fact]
    public void A_clean_clone_with_an_empty_store_restores_every_step_from_the_feed_and_runs_none()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        Assert.Equal(cold.Run.Ran.Count, cold.Run.Output.Split('\n').Count(l => l.Contains(": pushed to " + cold.Feed, StringComparison.Ordinal)));

        using var clone = cold.Experiment.CleanClone();
        var emptyStore = Path.Combine(clone.Root, "empty-store");
        var run = clone.Build(emptyStore, "Profile=smoke", $"SkillMixRemoteCache={cold.Feed}");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Ran.Count == 0, run.ToString());
        Assert.Equal(cold.Run.Ran.Order(), run.Restored.Order());
        Assert.Equal(run.Restored.Count, run.Output.Split('\n').Count(l => l.Contains("pulled from " + cold.Feed, StringComparison.Ordinal)));
        Assert.Equal(
            File.ReadAllText(Path.Combine(cold.Experiment.Results, "results.csv")),
            File.ReadAllText(Path.Combine(clone.Results, "results.csv")));
    }

    [Fact]
    public void A_feed_that_is_down_gives_a_warning_and_the_build_works_locally()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        using var clone = cold.Experiment.CleanClone();
        // Port 9 (discard) on loopback has no listener here: the connection is refused at once.
        var run = clone.Build(cold.Store, "Profile=smoke", "SkillMixRemoteCache=http://127.0.0.1:9/v3/index.json", "Combinations=3");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning SKMX021", run.Output);
        Assert.Contains("continuing with the local store only", run.Output);
        Assert.NotEmpty(run.Ran);
    }

    [Fact]
    public void Verify_passes_against_the_committed_results_and_names_the_cell_of_a_changed_metric()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        using var clone = cold.Experiment.CleanClone();
        var passed = clone.Build(cold.Store, "Profile=smoke", "SkillMixVerify=true", "SkillMixVerifySample=0.25",
            "SkillMixVerifyKinds=train%3Breport", $"SkillMixExpectedResults={ExpectedResults}");
        Assert.True(passed.ExitCode == 0, passed.ToString());
        Assert.Contains("SkillMix: verify: passed.", passed.Output);
        Assert.Contains("train.D123", passed.Output.Split('\n').Single(l => l.Contains("SkillMix: verify: recomputed", StringComparison.Ordinal)));

        // One cell's fm mean moved by 0.125 (one success in 8): the tolerance is far smaller, so verify must fail on it.
        var expected = JsonNode.Parse(File.ReadAllText(ExpectedResults))!;
        var cell = expected["cells"]!.AsArray().First(c => c!["model"]!.GetValue<string>() == "D123" && c["k"]!.GetValue<int>() == 2)!;
        var mean = cell["fm"]!["mean"]!.GetValue<double>();
        cell["fm"]!["mean"] = mean + 0.125;
        var changed = Path.Combine(clone.Root, "changed.results.json");
        File.WriteAllText(changed, expected.ToJsonString());
        var failed = clone.Build(cold.Store, "Profile=smoke", "SkillMixVerify=true", "SkillMixVerifySample=0", $"SkillMixExpectedResults={changed}");
        Assert.NotEqual(0, failed.ExitCode);
        var setting = cell["setting"]!.GetValue<string>();
        var error = failed.Output.Split('\n').First(l => l.Contains("error SKMX035", StringComparison.Ordinal));
        Assert.Contains($"cell D123 / {setting} / k=2", error);
        Assert.Contains("fm.mean", error);
        Assert.Contains(changed, error);
        // MSBuild repeats each error in its summary (node prefix and project added): one cell changed, so one distinct error.
        var distinct = failed.Output.Split('\n').Where(l => l.Contains("error SKMX035", StringComparison.Ordinal))
            .Select(l => Regex.Replace(Regex.Replace(l.Trim(), @"^\d+>", ""), @" \[[^\]]*\.csproj\]$", "")).Distinct().ToList();
        Assert.True(distinct.Count == 1, failed.ToString());
    }

    [Fact]
    public void Verify_catches_a_stored_output_that_is_valid_but_wrong()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        // A copy of the store in which filter.D1's entry is replaced by one whose files hash correctly but say something
        // else: the store's integrity checks accept it, only recomputing the step can tell.
        using var clone = cold.Experiment.CleanClone();
        var store = Path.Combine(clone.Root, "store");
        CopyFolder(cold.Store, store);
        var steps = Path.Combine(Path.GetDirectoryName(cold.Experiment.Project)!, "obj", "skillmix", "steps");
        var definition = StepDefinition.FromJson(JsonNode.Parse(File.ReadAllText(Path.Combine(steps, "filter.D1.json")))!["definition"], "filter.D1.json");
        var opened = StepStore.Open(store);
        var outputs = Path.Combine(clone.Root, "filter-outputs");
        Assert.True(opened.Restore(definition.Key, outputs).Restored);
        var file = Directory.GetFiles(outputs, "*.jsonl", SearchOption.AllDirectories).First();
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, lines.Take(lines.Length - 1));
        opened.Save(definition, outputs);

        var run = clone.Build(store, "Profile=smoke", "SkillMixVerify=true", "SkillMixVerifySample=0", "SkillMixVerifyKinds=filter");
        Assert.NotEqual(0, run.ExitCode);
        var errors = run.Output.Split('\n').Where(l => l.Contains("error SKMX034", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(errors.Count > 0, run.ToString());
        Assert.All(errors, e => Assert.Contains("step filter.D1:", e));
        Assert.Contains(errors, e => e.Contains($"'{Path.GetRelativePath(outputs, file).Replace('\\', '/')}' differs", StringComparison.Ordinal));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
        }
    }
}
