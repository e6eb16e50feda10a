using System.Text.Json.Nodes;
using SkillMix.Cli.Commands;
using SkillMix.Store;

namespace SkillMix.Cli.Tests;

public sealed class CacheCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "skillmix-cli-cache-tests", Guid.NewGuid().ToString("N"));

    public CacheCommandTests() => Directory.CreateDirectory(_folder);

    private string StorePath => Path.Combine(_folder, "store");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private StepManifest SaveStep(string kind, int combinations, string content, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var outputs = Path.Combine(_folder, $"{kind}-{combinations}");
        Directory.CreateDirectory(outputs);
        File.WriteAllText(Path.Combine(outputs, "data.txt"), content);
        var definition = new StepDefinition(kind, "1", new Dictionary<string, JsonNode?> { ["Combinations"] = combinations }, inputs);
        return StepStore.Open(StorePath).Save(definition, outputs, new JsonObject { ["wallSeconds"] = 2.5 });
    }

    [Fact]
    public async Task List_shows_kind_key_prefix_and_size_of_each_entry()
    {
        var generate = SaveStep("generate", 10, new string('g', 2048));
        var grade = SaveStep("grade", 10, "graded");

        var (exit, output, _) = await CliRunner.RunAsync("cache", "list", "--store", StorePath);

        Assert.Equal(0, exit);
        Assert.Contains("KIND", output);
        Assert.Matches($@"generate\s+{generate.Key[..12]}\s+2\.0 KiB", output);
        Assert.Matches($@"grade\s+{grade.Key[..12]}\s+6 B", output);
        Assert.Contains("2 entries, 2 blobs", output);
    }

    [Fact]
    public async Task List_of_a_store_not_created_yet_is_empty_not_an_error()
    {
        var (exit, output, _) = await CliRunner.RunAsync("cache", "list", "--store", StorePath);

        Assert.Equal(0, exit);
        Assert.Contains($"no step store at {StorePath}", output);
    }

    [Fact]
    public async Task Explain_by_prefix_shows_definition_inputs_outputs_and_metadata()
    {
        var generate = SaveStep("generate", 10, "texts");
        var grade = SaveStep("grade", 20, "grades", new Dictionary<string, string> { ["texts"] = generate.Key });

        var (exit, output, error) = await CliRunner.RunAsync("cache", "explain", grade.Key[..10], "--store", StorePath);

        Assert.True(exit == 0, error);
        Assert.Contains($"key        {grade.Key}", output);
        Assert.Contains("kind       grade", output);
        Assert.Contains("Combinations = 20", output);
        Assert.Contains($"texts = {generate.Key} (generate, in the store)", output);
        Assert.Contains("data.txt  6 B", output);
        Assert.Contains("wallSeconds = 2.5", output);
    }

    [Fact]
    public async Task Explain_json_prints_the_manifest_as_stored()
    {
        var generate = SaveStep("generate", 10, "texts");

        var (_, output, _) = await CliRunner.RunAsync("cache", "explain", generate.Key, "--json", "--store", StorePath);

        Assert.Equal(generate.Key, StepManifest.Parse(output, "output").Key);
    }

    [Fact]
    public async Task Explain_of_an_unknown_key_says_how_to_find_keys()
    {
        SaveStep("generate", 10, "texts");

        var (exit, _, error) = await CliRunner.RunAsync("cache", "explain", "ffff0000", "--store", StorePath);

        Assert.Equal(2, exit);
        Assert.Contains("starting with ffff0000", error);
        Assert.Contains("skillmix cache list", error);
    }

    [Fact]
    public async Task Verify_exits_2_and_removes_a_damaged_entry_then_0()
    {
        var good = SaveStep("generate", 10, "fine");
        var bad = SaveStep("generate", 20, "to be damaged");
        var blob = ContentHash.Of("to be damaged");
        File.WriteAllText(Path.Combine(StorePath, "blobs", blob[..2], blob[2..]), "to be DAMAGED");

        var first = await CliRunner.RunAsync("cache", "verify", "--store", StorePath);
        var second = await CliRunner.RunAsync("cache", "verify", "--store", StorePath);

        Assert.Equal(2, first.ExitCode);
        Assert.Contains(bad.Key, first.Output);
        Assert.Contains("found 2 problems", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("1 entries and 1 blobs", second.Output);
        Assert.True(StepStore.OpenExisting(StorePath).Contains(good.Key));
    }

    [Fact]
    public async Task Prune_all_empties_the_store()
    {
        SaveStep("generate", 10, "one");
        SaveStep("generate", 20, "two");

        var (exit, output, _) = await CliRunner.RunAsync("cache", "prune", "--all", "--store", StorePath);

        Assert.Equal(0, exit);
        Assert.Contains("Removed 2 entries and 2 blobs", output);
        Assert.Empty(StepStore.OpenExisting(StorePath).List());
    }

    [Fact]
    public async Task Prune_older_than_keeps_recent_entries()
    {
        SaveStep("generate", 10, "recent");

        var (exit, output, _) = await CliRunner.RunAsync("cache", "prune", "--older-than", "30d", "--store", StorePath);

        Assert.Equal(0, exit);
        Assert.Contains("Removed 0 entries", output);
        Assert.Single(StepStore.OpenExisting(StorePath).List());
    }

    [Fact]
    public async Task Prune_without_a_criterion_or_with_a_bad_size_explains_itself()
    {
        SaveStep("generate", 10, "kept");

        var none = await CliRunner.RunAsync("cache", "prune", "--store", StorePath);
        var badSize = await CliRunner.RunAsync("cache", "prune", "--max-size", "lots", "--store", StorePath);

        Assert.Equal(1, none.ExitCode);
        Assert.Contains("--older-than <age>, --max-size <size> or --all", none.Error);
        Assert.NotEqual(0, badSize.ExitCode);
        Assert.Contains("--max-size: 'lots' is not a size", badSize.Error);
        Assert.Single(StepStore.OpenExisting(StorePath).List());
    }

    [Fact]
    public async Task A_store_path_that_does_not_exist_is_named_in_the_error()
    {
        var missing = Path.Combine(_folder, "nowhere");

        var (exit, _, error) = await CliRunner.RunAsync("cache", "verify", "--store", missing);

        Assert.Equal(2, exit);
        Assert.Contains(missing, error);
        Assert.Contains("--store", error);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("explain")]
    [InlineData("verify")]
    [InlineData("prune")]
    public async Task Help_describes_every_option(string subcommand)
    {
        var (_, output, _) = await CliRunner.RunAsync("cache", subcommand, "--help");

        Assert.Contains("--store <path>", output);
        Assert.Contains("SKILLMIX_STORE", output);
        if (subcommand == "prune")
        {
            Assert.Contains("--older-than <age>", output);
            Assert.Contains("--max-size <size>", output);
            Assert.Contains("--all", output);
        }
    }

    [Theory]
    [InlineData("30d", 30 * 24 * 3600)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("2w", 14 * 24 * 3600)]
    [InlineData("90m", 90 * 60)]
    public void Ages_read_with_their_unit(string text, int seconds)
    {
        Assert.True(CacheUnits.TryParseAge(text, out var age));
        Assert.Equal(TimeSpan.FromSeconds(seconds), age);
    }

    [Theory]
    [InlineData("1000", 1000L)]
    [InlineData("10K", 10L * 1024)]
    [InlineData("500MiB", 500L * 1024 * 1024)]
    [InlineData("1.5G", 3L * 512 * 1024 * 1024)]
    public void Sizes_read_in_powers_of_1024(string text, long bytes)
    {
        Assert.True(CacheUnits.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }
}
