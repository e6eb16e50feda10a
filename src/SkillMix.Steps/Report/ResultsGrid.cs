using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Report;

/// <summary>
/// The report's input, checked once: every cell belongs to a declared model, setting and k, and appears once. Every file
/// walks the grid in the same order (model, then setting, then k, each as declared), so they all agree.
/// </summary>
internal sealed class ResultsGrid
{
    private readonly Dictionary<(string Model, string Setting, int K), CellResult> cells;

    private ResultsGrid(ReportInput input, Dictionary<(string, string, int), CellResult> cells)
    {
        Input = input;
        this.cells = cells;
    }

    public ReportInput Input { get; }

    /// <summary>Every (model, setting, k) of the table in table order, with its cell or null when there is no data.</summary>
    public IEnumerable<GridPosition> Positions() =>
        from model in Input.Models
        from evaluation in Input.Evaluations
        from k in evaluation.Ks
        select new GridPosition(model, evaluation, k, Find(model, evaluation.Name, k));

    public CellResult? Find(string model, string setting, int k) => cells.GetValueOrDefault((model, setting, k));

    public static ResultsGrid Build(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireUnique(input.Models, "ReportInput.Models", "model", "a row of the table", atLeastOne: true);
        RequireUnique(input.Evaluations.Select(e => e.Name).ToList(), "ReportInput.Evaluations", "evaluation", "a column group", atLeastOne: true);
        for (var i = 0; i < input.Evaluations.Count; i++)
        {
            CheckEvaluation(input.Evaluations[i], $"ReportInput.Evaluations[{i}]");
        }
        for (var i = 0; i < input.TrainingSets.Count; i++)
        {
            var set = input.TrainingSets[i];
            if (set.Attempts < 0 || set.Kept < 0 || set.Kept > set.Attempts)
            {
                throw new ReportInputException($"ReportInput.TrainingSets[{i}]",
                    $"training set '{set.Name}' keeps {set.Kept} of {set.Attempts} attempts; kept must be between 0 and attempts.");
            }
        }
        RequireUnique(input.Steps.Select(s => s.Id).ToList(), "ReportInput.Steps", "step", "one entry per step", atLeastOne: false);

        var settings = input.Evaluations.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var models = new HashSet<string>(input.Models, StringComparer.Ordinal);
        var found = new Dictionary<(string, string, int), CellResult>();
        for (var i = 0; i < input.Cells.Count; i++)
        {
            var cell = input.Cells[i];
            var key = cell.Cell;
            var where = $"ReportInput.Cells[{i}]";
            var what = $"the cell (model '{key.Model}', setting '{key.Setting}', k = {key.K})";
            if (!models.Contains(key.Model))
            {
                throw new ReportInputException(where,
                    $"{what} names a model that is not in ReportInput.Models ({string.Join(", ", input.Models)}); add the model or drop the cell.");
            }
            if (!settings.TryGetValue(key.Setting, out var evaluation))
            {
                throw new ReportInputException(where,
                    $"{what} names a setting that is not in ReportInput.Evaluations ({string.Join(", ", settings.Keys)}); add the evaluation or drop the cell.");
            }
            if (!evaluation.Ks.Contains(key.K))
            {
                throw new ReportInputException(where,
                    $"{what} has a k that evaluation '{evaluation.Name}' does not declare (K = {string.Join(";", evaluation.Ks)}); add the k or drop the cell.");
            }
            if (!found.TryAdd((key.Model, key.Setting, key.K), cell))
            {
                throw new ReportInputException(where,
                    $"{what} appears twice (graders '{found[(key.Model, key.Setting, key.K)].Cell.Grader}' and '{key.Grader}'); "
                    + "a report shows one grader's cells, so pass one cell per model, setting and k.");
            }
        }
        return new ResultsGrid(input, found);
    }

    private static void CheckEvaluation(ReportEvaluation evaluation, string where)
    {
        if (evaluation.Ks.Count == 0)
        {
            throw new ReportInputException(where, $"evaluation '{evaluation.Name}' declares no k; give it at least one.");
        }
        if (evaluation.Ks.Any(k => k < 1) || evaluation.Ks.Distinct().Count() != evaluation.Ks.Count)
        {
            throw new ReportInputException(where,
                $"evaluation '{evaluation.Name}' declares K = {string.Join(";", evaluation.Ks)}; each k must be a positive number, listed once.");
        }
        if (evaluation.Combinations < 1 || evaluation.Generations < 1 || evaluation.Gradings < 1)
        {
            throw new ReportInputException(where,
                $"evaluation '{evaluation.Name}' declares {evaluation.Combinations} combinations, {evaluation.Generations} generations "
                + $"and {evaluation.Gradings} gradings; each must be at least 1.");
        }
    }

    private static void RequireUnique(IReadOnlyList<string> names, string where, string what, string why, bool atLeastOne)
    {
        if (atLeastOne && names.Count == 0)
        {
            throw new ReportInputException(where, $"no {what} is listed; a report needs at least one {what} ({why}).");
        }
        var twice = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ReportInputException(where, $"{what} '{twice.Key}' is listed twice; names must be unique ({why}).");
        }
    }
}
