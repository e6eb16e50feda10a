namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// Real `dotnet build` of the QuickStart experiment's smoke profile, copied to a temporary folder with its own store: the
/// cold build runs every step once; what follows must reuse them exactly as the SDK promises.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed class QuickStartSmokeTests(QuickStartSmokeTests.ColdBuild cold) : IClassFixture<QuickStartSmokeTests.ColdBuild>
{
    /// <summary>The smoke experiment built once, cold, into a fresh store, shared by the tests of this class.</summary>
    public sealed class ColdBuild : IDisposable
    {
        public ColdBuild()
        {
            Store = Directory.CreateTempSubdirectory("skillmix-e2e-store-").FullName;
            Experiment = ExperimentFolder.CopyOf("QuickStart");
            Run = Experiment.Build(Store, "Profile=smoke");
        }

        public string Store { get; }

        public ExperimentFolder Experiment { get; }

        public BuildRun Run { get; }

        public void Dispose()
        {
            Experiment.Dispose();
            Directory.Delete(Store, recursive: true);
        }
    }

    [Fact]
    public void A_cold_build_runs_every_step_and_writes_the_results_table()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        Assert.Contains("pretrain", cold.Run.Ran);
        Assert.Contains("train.D123", cold.Run.Ran);
        Assert.Contains("report", cold.Run.Ran);
        Assert.Empty(cold.Run.Restored);
        var targets = cold.Run.Targets;
        Assert.True(StepTargets.All.All(targets.Ran.ContainsKey), targets.ToString());
        Assert.Equal(0, targets.UpToDate);
        Assert.Equal(cold.Run.Ran.Order(), targets.StepsRun.Order());
        var results = File.ReadAllText(Path.Combine(cold.Experiment.Results, "results.md"));
        Assert.Contains("| D123 |", results);
        Assert.Contains("held-out k=5", results);
        foreach (var file in new[] { "results.csv", "results.json", "provenance.json", "fm-vs-k.png", "fm-vs-k.svg", "results.html" })
        {
            Assert.True(File.Exists(Path.Combine(cold.Experiment.Results, file)), $"{file} is missing.\n{cold.Run}");
        }
    }

    [Fact]
    public void A_second_build_runs_no_step()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        var again = cold.Experiment.Build(cold.Store, "Profile=smoke");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(again.Ran.Count == 0 && again.Restored.Count == 0, again.ToString());
        Assert.DoesNotContain("SkillMix: pretrain:", again.Output);
        // MSBuild itself skipped the step target's batch of every kind as up to date: the CLI was not even started.
        var targets = again.Targets;
        Assert.Empty(targets.Ran);
        Assert.Equal(StepTargets.All.Count, targets.UpToDate);
    }

    [Fact]
    public void Changing_Combinations_reruns_only_sampling_grading_aggregation_and_the_report_and_reverting_runs_nothing()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        using var clone = cold.Experiment.CleanClone();
        var restored = clone.Build(cold.Store, "Profile=smoke");
        Assert.True(restored.ExitCode == 0 && restored.Ran.Count == 0, restored.ToString());

        var changed = clone.Build(cold.Store, "Profile=smoke", "Combinations=5");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.NotEmpty(changed.Ran);
        var kinds = changed.Ran.Select(id => id.Split('.')[0]).Distinct().Order().ToList();
        Assert.True(kinds.SequenceEqual(["aggregate", "grade", "report", "sample"]), changed.ToString());
        Assert.DoesNotContain(changed.Ran, id => id.StartsWith("grade.D", StringComparison.Ordinal) && id.Count(c => c == '.') == 1);
        Assert.Contains("key changed: Combinations 4 -> 5", changed.Output);
        // Generation, its grading, filtering and both trainings are skipped by MSBuild before the CLI could look at them.
        var targets = changed.Targets;
        Assert.Equal(["aggregate", "grade-samples", "report", "sample"], targets.Ran.Keys.Order());
        Assert.True(targets.UpToDate == 5, targets.ToString()); // generate, grade-generations, filter, pretrain, train
        Assert.Equal(changed.Ran.Order(), targets.StepsRun.Order());

        var reverted = clone.Build(cold.Store, "Profile=smoke");
        Assert.True(reverted.ExitCode == 0, reverted.ToString());
        Assert.True(reverted.Ran.Count == 0, reverted.ToString());
        Assert.NotEmpty(reverted.Restored);
        // Reverting hands the CLI the same steps again, and it restores every one of them.
        Assert.Equal(reverted.Restored.Order(), reverted.Targets.StepsRun.Order());
    }

    [Fact]
    public void A_clean_clone_with_a_warm_store_restores_every_step_and_runs_none()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        using var clone = cold.Experiment.CleanClone();
        var run = clone.Build(cold.Store, "Profile=smoke");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Ran.Count == 0, run.ToString());
        Assert.Equal(cold.Run.Ran.Order(), run.Restored.Order());
        // A clone has no step manifests yet: every kind's batch of the step target runs, and the CLI restores each step it is handed.
        var targets = run.Targets;
        Assert.True(StepTargets.All.All(targets.Ran.ContainsKey), targets.ToString());
        Assert.Equal(run.Restored.Order(), targets.StepsRun.Order());
        Assert.Equal(
            File.ReadAllText(Path.Combine(cold.Experiment.Results, "results.csv")),
            File.ReadAllText(Path.Combine(clone.Results, "results.csv")));
    }

    [Fact]
    public void An_edited_output_is_replaced_from_the_store_before_a_step_reads_it_and_never_saved_under_a_key()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        using var clone = cold.Experiment.CleanClone();
        var built = clone.Build(cold.Store, "Profile=smoke");
        Assert.True(built.ExitCode == 0, built.ToString());
        var kept = Path.Combine(Path.GetDirectoryName(clone.Project)!, "obj", "skillmix", "out", "filter.D1", "kept.jsonl");
        var original = File.ReadAllText(kept);
        var lines = File.ReadAllLines(kept);
        Assert.True(lines.Length >= 2, built.ToString());
        File.WriteAllLines(kept, lines.Take(lines.Length / 2));
        var edited = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(kept)));

        // A longer fine-tune re-runs the training steps, which read filter.D1's kept texts.
        var run = clone.Build(cold.Store, "Profile=smoke", "FineTuneSteps=7");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("train.D1", run.Ran);
        Assert.Contains("warning SKMX038", run.Output);
        Assert.Contains("filter.D1", run.Output);
        Assert.Equal(original, File.ReadAllText(kept));
        // The edited text is nowhere in the store: not as a blob, so under no key.
        Assert.False(File.Exists(Path.Combine(cold.Store, "blobs", edited[..2], edited[2..])), run.ToString());
    }

    [Fact]
    public void Clean_removes_the_experiments_outputs_but_not_the_shared_store()
    {
        Assert.True(cold.Run.ExitCode == 0, cold.Run.ToString());
        using var clone = cold.Experiment.CleanClone();
        var built = clone.Build(cold.Store, "Profile=smoke");
        Assert.True(built.ExitCode == 0, built.ToString());
        var folder = Path.GetDirectoryName(clone.Project)!;
        Assert.True(Directory.Exists(Path.Combine(folder, "obj", "skillmix")), built.ToString());
        var entries = Directory.GetFiles(cold.Store, "*", SearchOption.AllDirectories).Length;

        var clean = BuildRun.Dotnet(folder, TimeSpan.FromMinutes(3), "clean", clone.Project, "-nr:false", "-p:Profile=smoke", $"-p:SkillMixStore={cold.Store}");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(Directory.Exists(Path.Combine(folder, "obj", "skillmix")), clean.ToString());
        Assert.False(Directory.Exists(clone.Results), clean.ToString());
        Assert.Equal(entries, Directory.GetFiles(cold.Store, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void A_fine_tune_naming_a_missing_training_set_fails_with_the_project_line()
    {
        using var broken = ExperimentFolder.CopyOf("QuickStart",
            text => text.Replace("<FineTune Include=\"D12\" Data=\"D1;D2\" />", "<FineTune Include=\"D12\" Data=\"D1;D9\" />", StringComparison.Ordinal));
        var run = broken.Build(cold.Store, "Profile=smoke");
        Assert.NotEqual(0, run.ExitCode);
        var line = File.ReadAllLines(broken.Project).ToList().FindIndex(l => l.Contains("Data=\"D1;D9\"", StringComparison.Ordinal)) + 1;
        Assert.Contains($"QuickStart.csproj({line},", run.Output);
        Assert.Contains("error SKMX005", run.Output);
        Assert.Contains("'D9'", run.Output);
    }
}
