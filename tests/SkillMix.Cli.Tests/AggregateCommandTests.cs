using System.Text.Json;

namespace SkillMix.Cli.Tests;

public sealed class AggregateCommandTests
{
    [Fact]
    public async Task Prints_an_aligned_table_for_skill_mix_runs()
    {
        var (exit, output, error) = await CliRunner.RunAsync("aggregate", CliRunner.Fixture("p2"), "--resamples", "2000");
        Assert.True(exit == 0, error);
        var lines = output.Split('\n');
        var header = Assert.Single(lines, l => l.StartsWith("Model", StringComparison.Ordinal));
        // Hand-computed in the Core golden tests: k = 2 gives FM 0.5 +-0.5, AS 0.5 +-0.5, SF 0.75 +-0.25 over 2 combinations.
        var k2 = Assert.Single(lines, l => l.StartsWith("llama", StringComparison.Ordinal) && l.Contains("  2  ", StringComparison.Ordinal));
        Assert.Contains("0.500 ±0.500 [0.000, 1.000]", k2, StringComparison.Ordinal);
        Assert.Contains("0.750 ±0.250 [0.500, 1.000]", k2, StringComparison.Ordinal);
        var k3 = Assert.Single(lines, l => l.StartsWith("llama", StringComparison.Ordinal) && l.Contains("  3  ", StringComparison.Ordinal));
        Assert.Contains("1.000 ±n/a [1.000, 1.000]", k3, StringComparison.Ordinal);
        // Aligned: every row of the table is as long as its header, and the FM column starts at the same place.
        var fm = header.IndexOf("FM", StringComparison.Ordinal);
        Assert.Equal(header.Length, k2.Length);
        Assert.Equal(header.Length, k3.Length);
        Assert.Contains("2 of 3 combinations present in every round", output, StringComparison.Ordinal);
        Assert.True(fm > 0);
    }

    [Fact]
    public async Task Json_output_carries_every_cell_and_its_intervals()
    {
        var (exit, output, error) = await CliRunner.RunAsync("aggregate", CliRunner.Fixture("jsonl"), "--json", "--resamples", "500");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(2, cells.Count);
        var held = Assert.Single(cells, c => c.GetProperty("setting").GetString() == "held-out");
        Assert.Equal(2, held.GetProperty("k").GetInt32());
        Assert.Equal(3, held.GetProperty("combinations").GetInt32());
        Assert.Equal(1.0 / 3, held.GetProperty("fm").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(2.0 / 3, held.GetProperty("as").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(0.5, held.GetProperty("sf").GetProperty("mean").GetDouble(), 12);
        var train = Assert.Single(cells, c => c.GetProperty("setting").GetString() == "train");
        Assert.Equal(JsonValueKind.Null, train.GetProperty("fm").GetProperty("stdErr").ValueKind);
        Assert.Equal(500, json.RootElement.GetProperty("options").GetProperty("resamples").GetInt32());
    }

    [Fact]
    public async Task Name_filter_and_reparse_change_the_results_as_computed_by_hand()
    {
        var (_, filtered, _) = await CliRunner.RunAsync("aggregate", CliRunner.Fixture("jsonl"), "--json", "--name-filter", "--resamples", "10");
        var (_, reparsed, _) = await CliRunner.RunAsync("aggregate", CliRunner.Fixture("jsonl"), "--json", "--reparse", "--resamples", "10");
        Assert.Equal(0, HeldOutMean(filtered, "fm"), 12);
        Assert.Equal(1.0 / 3, HeldOutMean(filtered, "sf"), 12);
        Assert.Equal(2.0 / 3, HeldOutMean(reparsed, "fm"), 12);
        Assert.Equal(5.0 / 6, HeldOutMean(reparsed, "sf"), 12);
    }

    [Fact]
    public async Task The_same_seed_prints_the_same_table()
    {
        var first = await CliRunner.RunAsync("aggregate", CliRunner.Fixture("p2"), "--seed", "3", "--resamples", "300");
        var second = await CliRunner.RunAsync("aggregate", CliRunner.Fixture("p2"), "--seed", "3", "--resamples", "300");
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task A_missing_folder_exits_non_zero_with_a_clear_message()
    {
        var missing = Path.Combine(Path.GetTempPath(), "skillmix-no-such-" + Guid.NewGuid().ToString("N"));
        var (exit, output, error) = await CliRunner.RunAsync("aggregate", missing);
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.Contains("no such folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_record_file_exits_non_zero_naming_file_and_line()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillmix-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var good = File.ReadLines(Path.Combine(CliRunner.Fixture("jsonl"), "gradings.jsonl")).First();
            var path = Path.Combine(folder, "gradings.jsonl");
            File.WriteAllText(path, good + "\n" + good.Replace("\"kind\":\"grading\"", "\"kind\":\"grade\"", StringComparison.Ordinal) + "\n");
            var (exit, _, error) = await CliRunner.RunAsync("aggregate", folder);
            Assert.Equal(2, exit);
            Assert.Contains(path + "(2): ", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_option_values_are_refused()
    {
        var (exit, _, error) = await CliRunner.RunAsync("aggregate", CliRunner.Fixture("jsonl"), "--resamples", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("--resamples", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_every_option()
    {
        var (exit, output, _) = await CliRunner.RunAsync("aggregate", "--help");
        Assert.Equal(0, exit);
        foreach (var option in new[] { "--json", "--name-filter", "--reparse", "--resamples", "--seed", "<folder>" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
        Assert.Contains("records.csv", output, StringComparison.Ordinal);
    }

    private static double HeldOutMean(string json, string metric)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("cells").EnumerateArray()
            .Single(c => c.GetProperty("setting").GetString() == "held-out")
            .GetProperty(metric).GetProperty("mean").GetDouble();
    }
}
