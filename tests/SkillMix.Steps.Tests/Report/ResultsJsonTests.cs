using System.Text.Json.Nodes;
using SkillMix.Steps.Report;
using SkillMix.Core;

namespace SkillMix.Steps.Tests.Report;

public sealed class ResultsJsonTests
{
    [Fact]
    public void The_cells_read_back_equal_to_the_input_in_table_order()
    {
        using var folder = new TempFolder();
        var input = ReportSample.Input();
        var path = folder.File("results.json");
        File.WriteAllText(path, Render(input));

        var cells = ResultsJson.ReadCells(path);

        var order = new[] { ("base", "train", 2), ("base", "train", 3), ("base", "held-out", 3), ("D12", "train", 2), ("D12", "held-out", 2), ("D12", "held-out", 3) };
        Assert.Equal(order, cells.Select(c => (c.Cell.Model, c.Cell.Setting, c.Cell.K)));
        foreach (var cell in cells)
        {
            Assert.Equal(input.Cells.Single(c => c.Cell == cell.Cell), cell);
        }
    }

    [Fact]
    public void The_header_facts_come_first_in_a_fixed_order()
    {
        var root = JsonNode.Parse(Render(ReportSample.Input()))!.AsObject();

        Assert.Equal(["format", "experiment", "world", "seed", "reportTime", "roles", "models", "evaluations", "trainingSets", "cells"],
            root.Select(p => p.Key));
        Assert.Equal("Tiny", (string?)root["experiment"]);
        Assert.Equal("abc123", (string?)root["world"]!["identity"]);
        Assert.Equal(10, (long?)root["seed"]);
        Assert.Equal("2026-11-24T05:30:00Z", (string?)root["reportTime"]);
        Assert.Equal("offline-grader", (string?)root["roles"]!["grader"]);
        Assert.Equal(["base", "D12"], root["models"]!.AsArray().Select(m => (string?)m));
        Assert.Equal("held-out", (string?)root["evaluations"]![1]!["skills"]);
        Assert.Equal(5.0 / 12, (double?)root["trainingSets"]![1]!["keptFraction"]);
    }

    [Fact]
    public void A_cell_over_one_combination_has_a_null_standard_error()
    {
        var root = JsonNode.Parse(Render(ReportSample.Input()))!;
        var single = root["cells"]!.AsArray().Single(c => (int?)c!["combinations"] == 1)!;

        Assert.Equal(System.Text.Json.JsonValueKind.Null, single["fm"]!.AsObject()["stderr"]?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null);
        Assert.True(single["fm"]!.AsObject().ContainsKey("stderr"));
    }

    [Fact]
    public void A_damaged_file_is_named_in_the_error()
    {
        using var folder = new TempFolder();
        var path = folder.File("results.json");
        File.WriteAllText(path, """{ "cells": [ { "model": "base" } ] }""");

        var error = Assert.Throws<SkillMixDataException>(() => ResultsJson.ReadCells(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("cells[0].grader", error.Message);
    }

    private static string Render(ReportInput input)
    {
        using var w = new StringWriter();
        ResultsJson.Write(ResultsGrid.Build(input), w);
        return w.ToString();
    }
}
