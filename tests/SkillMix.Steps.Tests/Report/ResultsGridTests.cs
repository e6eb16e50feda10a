using SkillMix.Steps.Report;
using SkillMix.Core.Worlds;

namespace SkillMix.Steps.Tests.Report;

public sealed class ResultsGridTests
{
    [Fact]
    public void A_cell_of_an_undeclared_setting_is_refused()
    {
        var cell = ReportSample.Cell("base", "all", 2, 4, ReportSample.M(0, 0, 0, 0), ReportSample.M(0, 0, 0, 0), ReportSample.M(0, 0, 0, 0));

        var error = Assert.Throws<ReportInputException>(() => ResultsGrid.Build(ReportSample.Input(cells: [cell])));

        Assert.Equal("ReportInput.Cells[0]", error.Property);
        Assert.Contains("setting 'all'", error.Message);
        Assert.Contains("(train, held-out)", error.Message);
    }

    [Fact]
    public void A_cell_of_an_undeclared_k_is_refused()
    {
        var cell = ReportSample.Cell("base", "train", 5, 4, ReportSample.M(0, 0, 0, 0), ReportSample.M(0, 0, 0, 0), ReportSample.M(0, 0, 0, 0));

        var error = Assert.Throws<ReportInputException>(() => ResultsGrid.Build(ReportSample.Input(cells: [cell])));

        Assert.Contains("K = 2;3", error.Message);
    }

    [Fact]
    public void Two_cells_for_one_place_are_refused()
    {
        var cells = ReportSample.Cells();

        var error = Assert.Throws<ReportInputException>(() => ResultsGrid.Build(ReportSample.Input(cells: [.. cells, cells[0]])));

        Assert.Equal($"ReportInput.Cells[{cells.Count}]", error.Property);
        Assert.Contains("appears twice", error.Message);
    }

    [Fact]
    public void A_model_listed_twice_is_refused()
    {
        var error = Assert.Throws<ReportInputException>(() => ResultsGrid.Build(ReportSample.Input(models: ["base", "base"], cells: [])));

        Assert.Equal("ReportInput.Models", error.Property);
    }

    [Fact]
    public void No_model_is_refused()
    {
        var error = Assert.Throws<ReportInputException>(() => ResultsGrid.Build(ReportSample.Input(models: [], cells: [])));

        Assert.Equal("ReportInput.Models", error.Property);
    }

    [Fact]
    public void An_evaluation_without_k_is_refused()
    {
        var input = ReportSample.Input(cells: []) with
        {
            Evaluations = [new ReportEvaluation("train", Pool.Train, Pool.Train, [], 4, 3, 3)],
        };

        var error = Assert.Throws<ReportInputException>(() => ResultsGrid.Build(input));

        Assert.Equal("ReportInput.Evaluations[0]", error.Property);
    }

    [Fact]
    public void A_training_set_keeping_more_than_it_attempted_is_refused()
    {
        var input = ReportSample.Input() with { TrainingSets = [new ReportTrainingSet("D1", 1, 5, 6)] };

        var error = Assert.Throws<ReportInputException>(() => ResultsGrid.Build(input));

        Assert.Equal("ReportInput.TrainingSets[0]", error.Property);
    }
}
