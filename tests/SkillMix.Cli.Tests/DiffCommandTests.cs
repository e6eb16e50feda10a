using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMix.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skillmix-diff-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_table_has_every_cell_and_metric_with_the_delta_and_whether_the_intervals_overlap()
    {
        var a = Write("a.json", Cell("D12", "held-out", 2, fm: (0.25, 0.10, 0.40)), Cell("D12", "held-out", 3, fm: (0.5, 0.3, 0.7)));
        var b = Write("b.json", Cell("D12", "held-out", 2, fm: (0.75, 0.60, 0.90)), Cell("D12", "held-out", 4, fm: (0.1, 0.0, 0.2)));

        var (exit, output, error) = await CliRunner.RunAsync("diff", a, b);
        Assert.True(exit == 0, error);
        var rows = output.Split('\n').Where(l => l.StartsWith("| D12", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, rows.Count); // three cells (k = 2 both, k = 3 only in A, k = 4 only in B), three metrics each
        // 0.75 - 0.25 = +0.5; [0.10, 0.40] and [0.60, 0.90] are disjoint.
        Assert.Contains("| D12 | g | held-out | 2 | fm | 0.250 [0.100, 0.400] | 0.750 [0.600, 0.900] | +0.500 | no |", rows);
        // as and sf are 0.5 [0.4, 0.6] on both sides: no difference, overlapping.
        Assert.Contains("| D12 | g | held-out | 2 | as | 0.500 [0.400, 0.600] | 0.500 [0.400, 0.600] | 0.000 | yes |", rows);
        Assert.Contains("| D12 | g | held-out | 3 | fm | 0.500 [0.300, 0.700] | - | - | - |", rows);
        Assert.Contains("| D12 | g | held-out | 4 | fm | - | 0.100 [0.000, 0.200] | - | - |", rows);
    }

    [Fact]
    public async Task Json_output_has_one_row_per_cell_and_metric()
    {
        var a = Write("a.json", Cell("base", "train", 2, fm: (0.2, 0.1, 0.3)));
        var b = Write("b.json", Cell("base", "train", 2, fm: (0.25, 0.15, 0.35)));
        var (exit, output, error) = await CliRunner.RunAsync("diff", a, b, "--json");
        Assert.True(exit == 0, error);
        var rows = JsonNode.Parse(output)!["rows"]!.AsArray();
        Assert.Equal(3, rows.Count);
        var fm = rows.Single(r => r!["metric"]!.GetValue<string>() == "fm")!;
        Assert.Equal(0.05, fm["delta"]!.GetValue<double>(), 12);
        Assert.True(fm["ciOverlap"]!.GetValue<bool>());
        Assert.Equal(0.2, fm["a"]!["mean"]!.GetValue<double>());
    }

    [Fact]
    public async Task Results_are_found_in_experiment_folders_and_packages()
    {
        var experiment = Path.Combine(_root, "experiment");
        Directory.CreateDirectory(Path.Combine(experiment, "results"));
        File.Copy(Write("x.json", Cell("D1", "all", 1, fm: (0.5, 0.4, 0.6))), Path.Combine(experiment, "results", "results.json"));
        var package = Path.Combine(_root, "QuickStart.1.0.0.nupkg");
        using (var zip = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(Write("y.json", Cell("D1", "all", 1, fm: (0.625, 0.5, 0.75))), "results/results.json");
        }
        var (exit, output, error) = await CliRunner.RunAsync("diff", experiment, package);
        Assert.True(exit == 0, error);
        Assert.Contains("| D1 | g | all | 1 | fm | 0.500 [0.400, 0.600] | 0.625 [0.500, 0.750] | +0.125 | yes |", output);
    }

    [Fact]
    public async Task A_git_revision_is_read_with_git_show()
    {
        var repo = Path.Combine(_root, "repo");
        Directory.CreateDirectory(Path.Combine(repo, "docs"));
        Git(repo, "init", "-q");
        File.Copy(Write("old.json", Cell("D1", "all", 1, fm: (0.5, 0.4, 0.6))), Path.Combine(repo, "docs", "results.json"));
        Git(repo, "add", ".");
        Git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "results");
        File.Copy(Write("new.json", Cell("D1", "all", 1, fm: (0.25, 0.2, 0.3))), Path.Combine(repo, "docs", "results.json"), overwrite: true);

        var (exit, output, error) = await CliRunner.RunAsync("diff", "HEAD:docs/results.json", Path.Combine(repo, "docs", "results.json"), "--repo", repo);
        Assert.True(exit == 0, error);
        Assert.Contains("| D1 | g | all | 1 | fm | 0.500 [0.400, 0.600] | 0.250 [0.200, 0.300] | -0.250 | no |", output);

        var (missing, _, message) = await CliRunner.RunAsync("diff", "HEAD:docs/none.json", Path.Combine(repo, "docs", "results.json"), "--repo", repo);
        Assert.Equal(2, missing);
        Assert.Contains("HEAD:docs/none.json", message);
    }

    [Fact]
    public async Task An_argument_that_is_nothing_known_is_an_error_naming_it()
    {
        var (exit, _, error) = await CliRunner.RunAsync("diff", Path.Combine(_root, "nothing-here"), Write("a.json"));
        Assert.Equal(2, exit);
        Assert.Contains("nothing-here", error);
        Assert.Contains("rev:path", error);
    }

    private string Write(string name, params JsonObject[] cells)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, new JsonObject { ["format"] = 1, ["cells"] = new JsonArray(cells) }.ToJsonString());
        return path;
    }

    private static JsonObject Cell(string model, string setting, int k, (double Mean, double Low, double High) fm) => new()
    {
        ["model"] = model, ["setting"] = setting, ["k"] = k, ["grader"] = "g",
        ["combinations"] = 4, ["generations"] = 4, ["gradings"] = 4,
        ["fm"] = Metric(fm.Mean, fm.Low, fm.High),
        ["as"] = Metric(0.5, 0.4, 0.6),
        ["sf"] = Metric(0.5, 0.4, 0.6),
    };

    private static JsonObject Metric(double mean, double low, double high) =>
        new() { ["mean"] = mean, ["stderr"] = 0.05, ["ciLow"] = low, ["ciHigh"] = high };

    private static void Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, git.StandardError.ReadToEnd());
    }
}
