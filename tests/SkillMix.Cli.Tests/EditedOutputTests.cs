namespace SkillMix.Cli.Tests;

/// <summary>
/// A step's outputs under the experiment's out/ folder are used only while they are what their manifest names: an edited
/// one is replaced from the store, before the step itself is called up to date and before another step reads it; when
/// the store cannot replace it, the reading step stops with advice and saves nothing.
/// </summary>
public sealed class EditedOutputTests
{
    [Fact]
    public async Task An_edited_output_of_an_up_to_date_step_is_restored_from_the_store()
    {
        using var experiment = new PlannedExperiment();
        var (exit, output, _) = await RunAsync(experiment, "generate.D1");
        Assert.True(exit == 0, output);
        var generations = Path.Combine(experiment.Root, "out", "generate.D1", "generations.jsonl");
        var original = File.ReadAllText(generations);
        File.WriteAllText(generations, original.Replace("a", "b", StringComparison.Ordinal));

        (exit, output, _) = await RunAsync(experiment, "generate.D1");

        Assert.True(exit == 0, output);
        Assert.Contains("warning SKMX038: generate.D1: 'generations.jsonl' was changed after the step ran", output, StringComparison.Ordinal);
        Assert.Contains("generate.D1: restored from store", output, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(generations));
    }

    [Fact]
    public async Task An_unchanged_output_touched_after_the_step_ran_is_still_up_to_date()
    {
        using var experiment = new PlannedExperiment();
        var (exit, output, _) = await RunAsync(experiment, "generate.D1");
        Assert.True(exit == 0, output);
        var generations = Path.Combine(experiment.Root, "out", "generate.D1", "generations.jsonl");
        File.SetLastWriteTimeUtc(generations, DateTime.UtcNow.AddMinutes(1));

        (exit, output, _) = await RunAsync(experiment, "generate.D1");

        Assert.True(exit == 0, output);
        Assert.Contains("generate.D1: up to date.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_refuses_an_edited_input_the_store_cannot_replace_and_saves_nothing()
    {
        using var experiment = new PlannedExperiment();
        var (exit, output, _) = await RunAsync(experiment, "generate.D1");
        Assert.True(exit == 0, output);
        File.AppendAllText(Path.Combine(experiment.Root, "out", "generate.D1", "generations.jsonl"), "\n");
        Directory.Delete(experiment.Store, recursive: true);

        (exit, output, _) = await RunAsync(experiment, "grade.D1");

        Assert.NotEqual(0, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("error SKMX038", StringComparison.Ordinal));
        Assert.Contains("step grade.D1 reads the outputs of step generate.D1", line, StringComparison.Ordinal);
        Assert.Contains("dotnet clean", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(experiment.StepsDirectory, "grade.D1.manifest.json")), output);
        // No entry was saved: the store holds its marker and nothing else.
        Assert.DoesNotContain(Directory.EnumerateFiles(experiment.Store, "*", SearchOption.AllDirectories),
            path => Path.GetFileName(path) != "skillmix-store.json");
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(PlannedExperiment experiment, string step) =>
        await CliRunner.RunAsync("step", "run", experiment.StepFile(step), "--store", experiment.Store);
}
