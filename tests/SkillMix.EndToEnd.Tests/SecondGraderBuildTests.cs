using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using SkillMix.FakeModelServer;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// The smoke experiment with a second grader behind the Anthropic API (the fake server on 127.0.0.1, answering every
/// grading request with full marks): the report gains the agreement table, the cost reaches provenance and results.md,
/// and the planted key reaches the server and nothing else, binary log included.
/// These tests set ANTHROPIC_* variables of this process (the build inherits them); no other test reads them.
/// </summary>
public sealed class SecondGraderBuildTests
{
    private const string Secret = "sk-ant-planted-SECRET-8d7c6b5a4f3e";

    private const string FullMarks =
        "Here's the grading table:\n| Criteria | Points Earned |\n|---|---|\n| a | 1 |\n| b | 1 |\n| c | 1 |\n| d | 1 |\n| e | 1 |\n"
        + "| f | 1 |\n| g | 1 |\n| h | 1 |\n| Total Points Earned | 8 |\nExplanation: every point is earned.";

    [Fact]
    public async Task A_second_grader_adds_the_agreement_and_its_key_is_written_nowhere()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions
        {
            RequiredKey = Secret,
            Lifetime = TimeSpan.FromMinutes(8),
            Reply = _ => FullMarks,
            ReportedModel = _ => "claude-sonnet-4-5-20250929",
        });
        using var experiment = ExperimentFolder.CopyOf("QuickStart");
        var store = Path.Combine(experiment.Root, "store");
        var calls = Path.Combine(experiment.Root, "calls");
        var binlog = Path.Combine(experiment.Root, "build.binlog");
        var saved = (Key: Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY"), Url: Environment.GetEnvironmentVariable("ANTHROPIC_BASE_URL"),
            Calls: Environment.GetEnvironmentVariable("SKILLMIX_CALLS"));
        BuildRun run;
        try
        {
            Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", Secret);
            Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", server.BaseAddress.ToString());
            Environment.SetEnvironmentVariable("SKILLMIX_CALLS", calls);
            run = BuildRun.Dotnet(Path.GetDirectoryName(experiment.Project)!, TimeSpan.FromMinutes(8),
                "build", experiment.Project, "-nr:false", "-v:n", $"-bl:{binlog}", $"-p:SkillMixStore={store}", "-p:Profile=smoke",
                "-p:SecondGrader=anthropic:claude-sonnet-4-5", "-p:SkillMixBudgetUsd=10",
                // A character-level smoke student writes nothing the offline grader credits, which fixes the kappas below;
                // the word-level one already writes some words on topic.
                "-p:StudentTokenizer=char");
        }
        finally
        {
            Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", saved.Key);
            Environment.SetEnvironmentVariable("ANTHROPIC_BASE_URL", saved.Url);
            Environment.SetEnvironmentVariable("SKILLMIX_CALLS", saved.Calls);
        }
        Assert.True(run.ExitCode == 0, run.ToString());

        // 4 models (base, D1, D12, D123) x (4 + 4 + 5 k-settings) x 4 combinations x 1 answer are graded once more; the
        // smoke students repeat themselves, and an identical grading request is answered from the call store (two identical
        // requests in flight at once may both reach the server, and are stored once).
        var recorded = Directory.EnumerateFiles(calls, "*.json", SearchOption.AllDirectories).Count();
        Assert.InRange(server.RequestCount, 1, 208);
        Assert.InRange(recorded, 1, server.RequestCount);
        Assert.All(server.Requests, r => Assert.Contains(r.Headers.Values, v => v.Contains(Secret, StringComparison.Ordinal)));

        var results = File.ReadAllText(Path.Combine(experiment.Results, "results.md"));
        Assert.Contains("## Agreement between graders", results, StringComparison.Ordinal);
        Assert.Contains("second grader claude-sonnet-4-5-20250929 on the same 208 student answers", results, StringComparison.Ordinal);
        // The smoke student writes nothing the offline grader credits: every skill, topic and sense point it gives is 0,
        // while the second grader gives 1 throughout. Never agreeing, with chance agreement 0: kappa 0 on each.
        Assert.True(FirstGraderGaveNoPoint(experiment), "the premise of the expected kappas no longer holds");
        Assert.Contains("| skills | 0.00 | [0.00, 0.00] | 0.0% |", results, StringComparison.Ordinal);
        Assert.Contains("| topic | 0.00 | [0.00, 0.00] | 0.0% | 208 |", results, StringComparison.Ordinal);
        Assert.Contains("| sense | 0.00 | [0.00, 0.00] | 0.0% | 208 |", results, StringComparison.Ordinal);
        Assert.Contains("| length | ", results, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(experiment.Results, "agreement.csv")));
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(experiment.Results, "results.json")))!["agreement"]);

        // What the second grader cost is in provenance (per step and in total) and in results.md.
        var provenance = JsonNode.Parse(File.ReadAllText(Path.Combine(experiment.Results, "provenance.json")))!;
        var grade2 = provenance["steps"]!.AsArray().Where(s => s!["id"]!.GetValue<string>().StartsWith("grade2.", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, grade2.Count);
        // A step whose every request another step had already made is answered from the call store at no cost, so only
        // the total must be above zero.
        var total = provenance["totals"]!["recorded"]!["costUsd"]!.GetValue<double>();
        Assert.True(total > 0);
        Assert.Equal(grade2.Sum(s => s!["costUsd"]!.GetValue<double>()), total, 6);
        Assert.Contains("## Cost", results, StringComparison.Ordinal);

        // The key went to the server and nowhere else.
        Assert.DoesNotContain(Secret, run.Output, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(experiment.Root, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(Contains(bytes, Secret), $"{file} holds the key");
            Assert.DoesNotContain(Secret, file, StringComparison.Ordinal);
        }
        Assert.False(Contains(Decompressed(binlog), Secret), "the binary log holds the key");
    }

    private static bool FirstGraderGaveNoPoint(ExperimentFolder experiment)
    {
        var outputs = Path.Combine(Path.GetDirectoryName(experiment.Project)!, "obj", "skillmix", "out");
        // grade.<model>.<evaluation>: the samples' first grading (grade.<set> holds the teacher's texts).
        var gradings = Directory.GetDirectories(outputs, "grade.*")
            .Where(d => Path.GetFileName(d).Split('.').Length == 3)
            .SelectMany(d => File.ReadLines(Path.Combine(d, "gradings.jsonl")))
            .Select(line => JsonNode.Parse(line)!)
            .ToList();
        return gradings.Count == 208 && gradings.All(g => g["points"]!.AsArray().SkipLast(1).All(p => p!.GetValue<double>() == 0));
    }

    private static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;

    // A binary log is a gzip stream; the key could only show in the decompressed records.
    private static byte[] Decompressed(string binlog)
    {
        using var input = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
