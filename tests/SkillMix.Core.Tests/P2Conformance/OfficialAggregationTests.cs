using System.Text.Json;
using SkillMix.Core.Metrics;
using SkillMix.Core.Records;
using SkillMix.Core.Tests.Support;

namespace SkillMix.Core.Tests.P2Conformance;

/// <summary>
/// The Aggregate step on a folder laid out like Skill-Mix's published test/ folder (graded records beside generation
/// records of both shapes, graded records of both shapes, files with and without a system prompt column, a round cut
/// short, an even number of gradings) gives the metrics of the official aggregation, as computed independently by
/// official_aggregation.py (numpy) into Fixtures/skill-mix-test.expected.json. make_fixtures.py wrote the folder.
/// </summary>
public sealed class OfficialAggregationTests
{
    [Fact]
    public void Every_cell_has_the_official_metrics()
    {
        var expected = ExpectedCells();
        var cells = Aggregator.Aggregate(GradedRecordLoader.Load(Fixtures.SkillMixTest).Evidence, new AggregateOptions());
        Assert.Equal(expected.Count, cells.Count);
        foreach (var e in expected)
        {
            var cell = Assert.Single(cells, c => c.Cell == e.Cell);
            Assert.Equal((e.Combinations, e.Generations, e.Gradings), (cell.Combinations, cell.Generations, cell.Gradings));
            AssertMetric(e.Fm, cell.FullMarks, e.Cell + " FM");
            AssertMetric(e.As, cell.AllSkills, e.Cell + " AS");
            AssertMetric(e.Sf, cell.SkillsFraction, e.Cell + " SF");
        }
    }

    [Fact]
    public void Both_generation_shapes_and_both_graded_shapes_are_read()
    {
        var loaded = GradedRecordLoader.Load(Fixtures.SkillMixTest);
        var shapes = Assert.Single(loaded.Notes, n => n.StartsWith("records.csv files:", StringComparison.Ordinal));
        foreach (var shape in P2RecordShape.Known)
        {
            Assert.Contains(shape.Name, shapes, StringComparison.Ordinal);
        }
        // The LLaMA-style generation records supply the graded texts (column text_1) as the GPT-style ones do.
        var llama = loaded.Evidence.Where(e => e.Cell.Model == "llama2-7b-chat").ToList();
        Assert.NotEmpty(llama);
        Assert.All(llama, e => Assert.EndsWith($"[r{e.Generation}]", e.Answer, StringComparison.Ordinal));
        Assert.Contains(loaded.Notes, n => n.Contains("3 of 4 combinations present in every round", StringComparison.Ordinal));
    }

    [Fact]
    public void Reparsing_the_replies_of_both_grader_formats_agrees_with_the_stored_points()
    {
        // The fixture's replies (rubric tables, and "Point earned: N" lists from the LLaMA grader) are written from its points_0.
        var evidence = GradedRecordLoader.Load(Fixtures.SkillMixTest).Evidence;
        var stored = Aggregator.Aggregate(evidence, new AggregateOptions());
        var reparsed = Aggregator.Aggregate(evidence, new AggregateOptions(Reparse: true));
        Assert.Equal(stored, reparsed);
    }

    private static void AssertMetric(ExpectedMetric expected, MetricEstimate actual, string what)
    {
        Assert.True(Math.Abs(expected.Mean - actual.Mean) < 1e-9, $"{what}: mean {actual.Mean}, official {expected.Mean}");
        if (expected.StdErr is null)
        {
            Assert.Null(actual.StdErr);
        }
        else
        {
            Assert.True(actual.StdErr is { } se && Math.Abs(se - expected.StdErr.Value) < 1e-9, $"{what}: standard error {actual.StdErr}, official {expected.StdErr}");
        }
    }

    internal static IReadOnlyList<ExpectedCell> ExpectedCells()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixtures.SkillMixTestExpected));
        return json.RootElement.GetProperty("cells").EnumerateArray().Select(c => new ExpectedCell(
            new CellKey(c.GetProperty("model").GetString()!, c.GetProperty("grader").GetString()!, c.GetProperty("setting").GetString()!,
                c.GetProperty("k").GetInt32()),
            c.GetProperty("combinations").GetInt32(), c.GetProperty("generations").GetInt32(), c.GetProperty("gradings").GetInt32(),
            Metric(c, "fm"), Metric(c, "as"), Metric(c, "sf"))).ToList();
    }

    private static ExpectedMetric Metric(JsonElement cell, string name)
    {
        var m = cell.GetProperty(name);
        var se = m.GetProperty("stdErr");
        return new ExpectedMetric(m.GetProperty("mean").GetDouble(), se.ValueKind == JsonValueKind.Null ? null : se.GetDouble());
    }

    internal sealed record ExpectedMetric(double Mean, double? StdErr);

    internal sealed record ExpectedCell(CellKey Cell, int Combinations, int Generations, int Gradings, ExpectedMetric Fm, ExpectedMetric As, ExpectedMetric Sf);
}
