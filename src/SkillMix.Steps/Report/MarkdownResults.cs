using System.Globalization;
using SkillMix.Core.Worlds;

namespace SkillMix.Steps.Report;

/// <summary>
/// results.md: the paper's table, one row per model and a column per (setting, k), with the facts needed to read it above
/// and the training sets and a legend below.
/// </summary>
internal static class MarkdownResults
{
    public static void Write(ResultsGrid grid, TextWriter w)
    {
        var input = grid.Input;
        w.WriteLine($"# Results of {input.Experiment}");
        w.WriteLine();
        w.WriteLine($"- World: {input.World} (identity {input.WorldIdentity})");
        w.WriteLine($"- Seed: {input.Seed.ToString(CultureInfo.InvariantCulture)}");
        w.WriteLine($"- Teacher: {input.Teacher}; grader: {input.Grader}; student: {input.Student}");
        w.WriteLine($"- Report time (UTC): {ReportTime.Format(input.ReportTime)}");
        w.WriteLine();

        var columns = input.Evaluations.SelectMany(e => e.Ks.Select(k => (Evaluation: e, K: k))).ToList();
        w.WriteLine("| model | " + string.Join(" | ", columns.Select(c => $"{MetricText.TableText(c.Evaluation.Name)} k={c.K}")) + " |");
        w.WriteLine("|---|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var model in input.Models)
        {
            var cells = columns.Select(c => MetricText.Cell(grid.Find(model, c.Evaluation.Name, c.K), c.Evaluation.Combinations));
            w.WriteLine($"| {MetricText.TableText(model)} | " + string.Join(" | ", cells) + " |");
        }
        w.WriteLine();

        WriteTrainingSets(input.TrainingSets, w);
        if (input.Agreement is { } agreement)
        {
            AgreementText.WriteMarkdown(agreement, w);
        }
        WriteCost(input.Steps, w);
        WriteLegend(input.Evaluations, w);
    }

    private static void WriteTrainingSets(IReadOnlyList<ReportTrainingSet> sets, TextWriter w)
    {
        w.WriteLine("## Training sets");
        w.WriteLine();
        if (sets.Count == 0)
        {
            w.WriteLine("This experiment declares no training set.");
            w.WriteLine();
            return;
        }
        w.WriteLine("| set | k | attempts | kept | kept fraction |");
        w.WriteLine("|---|---|---|---|---|");
        foreach (var set in sets)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {MetricText.TableText(set.Name)} | {set.K} | {set.Attempts} | {set.Kept} | {MetricText.Percent(set.KeptFraction)} |"));
        }
        w.WriteLine();
    }

    // What the paid model calls cost, step by step, at list price as the steps recorded it (provenance.json has every step).
    private static void WriteCost(IReadOnlyList<ProvenanceEntry> steps, TextWriter w)
    {
        var paid = steps.Select(s => (Step: s, Usage: StepUsage.Of(s.Metadata))).Where(s => s.Usage.CostUsd > 0).ToList();
        if (paid.Count == 0)
        {
            return;
        }
        w.WriteLine("## Cost");
        w.WriteLine();
        w.WriteLine("| step | calls | input tokens | output tokens | USD |");
        w.WriteLine("|---|---|---|---|---|");
        foreach (var (step, usage) in paid)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {MetricText.TableText(step.Id)} | {usage.Calls} | {usage.InputTokens} | {usage.OutputTokens} | {usage.CostUsd:0.00##} |"));
        }
        var total = paid.Sum(p => p.Usage.CostUsd ?? 0);
        w.WriteLine();
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Total: {total:0.00##} USD at list price, as recorded when each step was computed; steps restored from the store cost nothing again."));
        w.WriteLine();
    }

    private static void WriteLegend(IReadOnlyList<ReportEvaluation> evaluations, TextWriter w)
    {
        w.WriteLine("## Legend");
        w.WriteLine();
        w.WriteLine("- FM: ratio of full marks (every skill, the topic, sense and the sentence limit earned).");
        w.WriteLine("- SF: skills fraction (the share of skills earned, when topic, sense and the sentence limit are all earned).");
        w.WriteLine("- AS: ratio of all skills (every skill earned and at least two of the other three points); in results.csv and results.json.");
        w.WriteLine("- A value is the mean over combinations of the best of G generations of each combination, each generation's "
            + "points being the majority vote of R gradings; brackets hold the 95% bootstrap interval of the mean.");
        w.WriteLine($"- Each cell is over n combinations, as below; a cell with fewer says \"(n = ...)\". {MetricText.Missing} marks a cell without data.");
        w.WriteLine();
        w.WriteLine("| setting | skills | topics | k | n | G | R |");
        w.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var e in evaluations)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {MetricText.TableText(e.Name)} | {e.Skills.ToName()} | {e.Topics.ToName()} | {string.Join(", ", e.Ks)} | {e.Combinations} | {e.Generations} | {e.Gradings} |"));
        }
    }
}
