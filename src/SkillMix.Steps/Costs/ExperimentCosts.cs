using System.Text.Json.Nodes;
using SkillMix.Steps.Report;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Models.Cost;
using SkillMix.Store;

namespace SkillMix.Steps.Costs;

/// <summary>
/// The experiment's money, as every step process sees it: the price table (built in, plus SkillMixPriceFile), the budget
/// (SkillMixBudgetUsd), and what the experiment has cost so far. Steps run as separate processes, so "so far" is read from
/// the manifests of the experiment's finished steps beside the step files: each recorded the cost of the run that
/// computed it, restored steps included. The budget thus bounds the experiment's recorded cost, the total provenance.json
/// reports.
/// </summary>
internal static class ExperimentCosts
{
    public static PriceTable Prices(StepFile step) => Prices(step.Context["priceFile"]?.GetValue<string>());

    public static PriceTable Prices(string? priceFile)
    {
        if (priceFile is null)
        {
            return PriceTable.BuiltIn;
        }
        try
        {
            return PriceTable.WithOverrides(priceFile);
        }
        catch (CostException e)
        {
            throw new ChatModels.StepStopException(ErrorCodes.PriceFile, null, $"{CostSpec.PriceFileProperty}: {e.Message}");
        }
    }

    public static decimal? Budget(StepFile step) =>
        step.Context["budgetUsd"] is JsonValue v && v.TryGetValue<decimal>(out var usd) ? usd : null;

    /// <summary>What the experiment's other finished steps cost when they were computed, in USD.</summary>
    public static decimal SpentBesides(StepFile step)
    {
        if (step.Context["stepsDirectory"]?.GetValue<string>() is not { } directory || !Directory.Exists(directory))
        {
            return 0;
        }
        var layout = new ExperimentLayout(directory);
        decimal spent = 0;
        foreach (var id in layout.StepIds().Where(id => id != step.Id))
        {
            if (layout.Manifest(id) is { } manifest)
            {
                spent += (decimal)(StepUsage.Of(manifest.Metadata).CostUsd ?? 0);
            }
        }
        return spent;
    }

    /// <summary>The meter for one step: without a budget, unlimited; with one, what is left of it.</summary>
    public static CostMeter Meter(StepFile step) =>
        Budget(step) is { } budget ? new CostMeter(Math.Max(0, budget - SpentBesides(step))) : new CostMeter();

    /// <summary>The budget-stop message MSBuild shows: which step, what is spent, which property to raise.</summary>
    public static string BudgetStop(StepFile step, CostException e)
    {
        var budget = Budget(step);
        var spent = SpentBesides(step);
        return $"step {step.Id} stopped before a call that could exceed {CostSpec.BudgetProperty}={budget:0.##} USD: the experiment's "
            + $"other steps have cost {spent:0.00##} USD so far. {e.Message} Raise {CostSpec.BudgetProperty} "
            + "(e.g. -p:SkillMixBudgetUsd=...) and build again; every finished call is kept and will not be paid again.";
    }
}
