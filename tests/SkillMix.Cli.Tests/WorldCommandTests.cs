using SkillMix.Core.Worlds;

namespace SkillMix.Cli.Tests;

public sealed class WorldCommandTests
{
    [Fact]
    public async Task Show_prints_the_skills_table_and_graded_samples()
    {
        var (exit, output, error) = await CliRunner.RunAsync("world", "show", "--k", "3", "--count", "4", "--seed", "2", "--setting", "held-out");
        Assert.True(exit == 0, error);
        Assert.Contains("| modus ponens | logic | held-out |", output, StringComparison.Ordinal);
        Assert.Contains("| simile | literary | train |", output, StringComparison.Ordinal);
        var samples = output.Split('\n').Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(4, samples.Count);
        Assert.All(samples, s => Assert.EndsWith("at most two sentences", s.TrimEnd(), StringComparison.Ordinal));
        Assert.Equal(4, output.Split('\n').Count(l => l.TrimStart().StartsWith("points ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Show_refuses_a_k_larger_than_the_setting_and_names_the_option()
    {
        var (exit, _, error) = await CliRunner.RunAsync("world", "show", "--k", "13", "--setting", "train");
        Assert.Equal(2, exit);
        Assert.Contains("--k 13", error, StringComparison.Ordinal);
        (exit, _, error) = await CliRunner.RunAsync("world", "show", "--setting", "sideways");
        Assert.Equal(2, exit);
        Assert.Contains("--setting 'sideways'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_a_world_file_that_core_reads_back()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillmix-world-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("world", "export", "--out", folder);
            Assert.True(exit == 0, error);
            var world = WorldFile.Read(output.Trim());
            Assert.Equal(OfflineWorld.CheckableWorld.Default.World.Identity, world.Identity);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
