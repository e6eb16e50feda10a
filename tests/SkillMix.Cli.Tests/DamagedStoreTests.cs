using System.Diagnostics;

namespace SkillMix.Cli.Tests;

/// <summary>
/// A store whose manifest a power loss left empty, a store path that is a file, and the staging folder of a killed step:
/// each costs a warning and a re-run (or one clear error), never an unhandled exception.
/// </summary>
public sealed class DamagedStoreTests
{
    private const string Step = "generate.D1";

    /// <summary>Runs the generate step into the store, then forgets the experiment's own record of it and empties its manifest.</summary>
    private static async Task<string> StoredThenEmptiedAsync(PlannedExperiment experiment)
    {
        var (exit, output, error) = await CliRunner.RunAsync("step", "run", experiment.StepFile(Step), "--store", experiment.Store);
        Assert.True(exit == 0, output + error);
        File.Delete(Path.Combine(experiment.StepsDirectory, Step + ".last.json"));
        var key = experiment.Steps.Single(s => s.Id == Step).Key;
        var manifest = Path.Combine(experiment.Store, "steps", key[..2], key + ".json");
        Assert.True(File.Exists(manifest));
        File.WriteAllText(manifest, "");
        return manifest;
    }

    private static string WarningFor(string manifest) => $"{manifest}: warning SKMX010: the store entry ";

    [Fact]
    public async Task The_preflight_warns_about_an_empty_manifest_discards_it_and_lets_the_build_go_on()
    {
        using var experiment = new PlannedExperiment();
        var manifest = await StoredThenEmptiedAsync(experiment);

        var (exit, output, error) = await CliRunner.RunAsync("step", "check", experiment.StepFile(Step), "--store", experiment.Store);

        Assert.True(exit == 0, output + error);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith(WarningFor(manifest), StringComparison.Ordinal));
        Assert.Contains("runs again", line, StringComparison.Ordinal);
        Assert.False(File.Exists(manifest));
    }

    [Fact]
    public async Task Plan_mode_warns_and_still_prints_the_table_with_the_step_to_run()
    {
        using var experiment = new PlannedExperiment();
        var manifest = await StoredThenEmptiedAsync(experiment);

        var (exit, output, error) = await CliRunner.RunAsync("plan", experiment.StepsDirectory, "--store", experiment.Store);

        Assert.True(exit == 0, output + error);
        Assert.Contains(output.Split('\n'), l => l.StartsWith(WarningFor(manifest), StringComparison.Ordinal));
        Assert.Contains(output.Split('\n'), l => l.StartsWith($"{Step} | generate | ", StringComparison.Ordinal) && l.Contains("| to run |", StringComparison.Ordinal));
        Assert.Contains("SkillMix plan total:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_of_an_empty_manifest_warns_and_says_the_step_runs_again()
    {
        using var experiment = new PlannedExperiment();
        var manifest = await StoredThenEmptiedAsync(experiment);
        var key = experiment.Steps.Single(s => s.Id == Step).Key;

        var (exit, output, error) = await CliRunner.RunAsync("cache", "explain", key[..12], "--store", experiment.Store);

        Assert.Equal(2, exit);
        Assert.Contains(output.Split('\n'), l => l.StartsWith(WarningFor(manifest), StringComparison.Ordinal));
        Assert.Contains("runs again at the next build", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_skips_an_unreadable_entry_with_a_warning_and_pushes_nothing_damaged()
    {
        using var experiment = new PlannedExperiment();
        await StoredThenEmptiedAsync(experiment);
        var feed = Path.Combine(experiment.Root, "feed");

        var (exit, output, error) = await CliRunner.RunAsync("cache", "push", "--store", experiment.Store, "--remote-cache", feed);

        Assert.True(exit == 0, output + error);
        Assert.Contains(output.Split('\n'), l => l.StartsWith("warning SKMX010: not pushed: the entry ", StringComparison.Ordinal));
        Assert.Contains("Pushed 0 entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_whose_stored_manifest_is_empty_runs_again_and_is_saved_whole()
    {
        using var experiment = new PlannedExperiment();
        var manifest = await StoredThenEmptiedAsync(experiment);

        var (exit, output, error) = await CliRunner.RunAsync("step", "run", experiment.StepFile(Step), "--store", experiment.Store);

        Assert.True(exit == 0, output + error);
        Assert.Contains("warning SKMX010", output, StringComparison.Ordinal);
        Assert.Contains($"SkillMix: {Step}: running", output, StringComparison.Ordinal);
        Assert.NotEqual(0, new FileInfo(manifest).Length);
    }

    [Fact]
    public async Task A_file_as_the_store_is_one_error_naming_it_and_the_settings()
    {
        using var experiment = new PlannedExperiment();
        File.WriteAllText(experiment.Store, "a file, not a folder");

        foreach (var args in new[] { new[] { "step", "run", experiment.StepFile(Step) }, ["step", "check", experiment.StepFile(Step)], ["plan", experiment.StepsDirectory] })
        {
            var (exit, output, error) = await CliRunner.RunAsync([.. args, "--store", experiment.Store]);

            Assert.Equal(1, exit);
            var line = Assert.Single(output.Split('\n'), l => l.Contains("error SKMX016", StringComparison.Ordinal));
            Assert.StartsWith($"{experiment.Store}: error SKMX016: ", line, StringComparison.Ordinal);
            Assert.Contains("SkillMixStore", line, StringComparison.Ordinal);
            Assert.Contains("SKILLMIX_STORE", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Staging_folders_of_stopped_steps_are_removed_but_not_those_of_running_ones()
    {
        using var experiment = new PlannedExperiment();
        var output = experiment.Steps.Single(s => s.Id == Step).OutputDirectory;
        var outputs = Path.GetDirectoryName(output)!;
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        using var running = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        try
        {
            var killed = Directory.CreateDirectory(Path.Combine(outputs, $"filter.D1.tmp-{gone.Id}")).FullName;
            File.WriteAllText(Path.Combine(killed, "kept.jsonl"), "half");
            var live = Directory.CreateDirectory(Path.Combine(outputs, $"filter.D1.tmp-{running.Id}")).FullName;
            var notStaging = Directory.CreateDirectory(Path.Combine(outputs, "notes.tmp-abc")).FullName;

            var (exit, log, error) = await CliRunner.RunAsync("step", "run", experiment.StepFile(Step), "--store", experiment.Store);

            Assert.True(exit == 0, log + error);
            Assert.False(Directory.Exists(killed));
            Assert.Contains($"SkillMix: removed {killed}", log, StringComparison.Ordinal);
            Assert.True(Directory.Exists(live));
            Assert.True(Directory.Exists(notStaging));
            Assert.Empty(Directory.EnumerateDirectories(outputs, $"{Step}.tmp-*"));
        }
        finally
        {
            running.Kill();
        }
    }

    [Fact]
    public void A_full_disk_or_an_unwritable_folder_during_a_step_says_what_to_do()
    {
        // ENOSPC cannot be provoked without a small file system to fill; .NET raises it as an IOException carrying errno 28.
        var full = new IOException("No space left on device : '/work/exp/obj/skillmix/out/train.D1.tmp-7/model.bin'", 28);
        var store = new Store.StoreException("Cannot save step train 1234 to the step store /s (Read-only file system).", new IOException("Read-only file system", 30));

        var disk = Steps.StepRunner.Describe(full, null, "/work/exp/obj/skillmix/steps/train.D1.json");
        var saving = Steps.StepRunner.Describe(store, null, "/work/exp/obj/skillmix/steps/train.D1.json");
        var denied = Steps.StepRunner.Describe(new UnauthorizedAccessException("Access to the path '/work/exp/obj' is denied."), null, "/work/exp/s.json");

        Assert.StartsWith("/work/exp/obj/skillmix/steps/train.D1.json: error SKMX020: ", disk, StringComparison.Ordinal);
        Assert.Contains("the disk is full (No space left on device : '/work/exp/obj/skillmix/out/train.D1.tmp-7/model.bin')", disk, StringComparison.Ordinal);
        Assert.Contains("dotnet clean", disk, StringComparison.Ordinal);
        Assert.Contains("skillmix cache prune", disk, StringComparison.Ordinal);
        Assert.Contains("error SKMX016: ", saving, StringComparison.Ordinal);
        Assert.Contains("Make that folder writable", denied, StringComparison.Ordinal);
    }
}
