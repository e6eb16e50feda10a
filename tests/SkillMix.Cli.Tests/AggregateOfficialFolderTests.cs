using System.Text.Json;

namespace SkillMix.Cli.Tests;

/// <summary>
/// `skillmix aggregate` on a folder laid out like Skill-Mix's published test/ folder, with generation records of both shapes
/// (user_i / assistant_i and [INST]_i / [/INST]_i) and graded records of both shapes, prints the per-k metrics of the
/// official aggregation (computed independently by the Core tests' P2Conformance/official_aggregation.py).
/// </summary>
public sealed class AggregateOfficialFolderTests
{
    [Fact]
    public async Task Prints_the_official_metrics_of_every_cell()
    {
        var (exit, output, error) = await CliRunner.RunAsync("aggregate", CliRunner.Fixture("skill-mix-test"), "--json", "--resamples", "50");
        Assert.True(exit == 0, error);
        using var actual = JsonDocument.Parse(output);
        using var expected = JsonDocument.Parse(File.ReadAllText(CliRunner.Fixture("skill-mix-test.expected.json")));
        var cells = actual.RootElement.GetProperty("cells").EnumerateArray().ToList();
        var official = expected.RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(official.Count, cells.Count);
        foreach (var e in official)
        {
            var cell = Assert.Single(cells, c => Same(c, e, "model") && Same(c, e, "grader") && Same(c, e, "setting")
                && c.GetProperty("k").GetInt32() == e.GetProperty("k").GetInt32());
            Assert.Equal(e.GetProperty("combinations").GetInt32(), cell.GetProperty("combinations").GetInt32());
            foreach (var metric in new[] { "fm", "as", "sf" })
            {
                var want = e.GetProperty(metric);
                var got = cell.GetProperty(metric);
                Assert.Equal(want.GetProperty("mean").GetDouble(), got.GetProperty("mean").GetDouble(), 9);
                if (want.GetProperty("stdErr").ValueKind == JsonValueKind.Null)
                {
                    Assert.Equal(JsonValueKind.Null, got.GetProperty("stdErr").ValueKind);
                }
                else
                {
                    Assert.Equal(want.GetProperty("stdErr").GetDouble(), got.GetProperty("stdErr").GetDouble(), 9);
                }
            }
        }
    }

    [Fact]
    public async Task An_unknown_records_csv_shape_stops_with_the_file_line_and_known_shapes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillmix-cli-" + Guid.NewGuid().ToString("N"));
        var run = Path.Combine(folder, "k2_s1_v1_r1", "m");
        Directory.CreateDirectory(run);
        var path = Path.Combine(run, "records.csv");
        File.WriteAllText(path, "k,skills,topic,question_0,answer_0\n2,\"a, \nb\",Sewing,q,a\n");
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("aggregate", folder);
            Assert.NotEqual(0, exit);
            Assert.Equal("", output);
            Assert.Contains(path + "(1): error SKMX039:", error, StringComparison.Ordinal);
            Assert.Contains("generation records, LLaMA-style", error, StringComparison.Ordinal);
            Assert.Contains("graded records, GPT-style", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool Same(JsonElement a, JsonElement b, string member) =>
        a.GetProperty(member).GetString() == b.GetProperty(member).GetString();
}
