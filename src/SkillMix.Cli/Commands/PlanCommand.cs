using System.CommandLine;
using System.Globalization;
using SkillMix.Experiments.Planning;
using SkillMix.Steps.Costs;
using SkillMix.Steps.Preflight;
using SkillMix.Experiments.Spec;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary>
/// skillmix plan: every step of a planned experiment with its state, its model calls, tokens and estimated cost, and the
/// totals, without calling any model. Needs no key and no GPU. The SDK runs it for -p:SkillMixMode=plan and -t:SkillMixEstimate.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var steps = new Argument<DirectoryInfo>("steps-directory")
        {
            Description = "The experiment's planned steps (obj/skillmix/steps after -t:SkillMixPlan).",
        };
        var store = new Option<string?>("--store") { Description = "The step store, to tell stored steps from steps to run." };
        var command = new Command("plan", "Print every planned step, its model calls, tokens and estimated cost; calls nothing.") { steps, store };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (!StoreAccess.TryOpen(parse.GetValue(store), output, out var opened))
            {
                return 1;
            }
            try
            {
                Print(parse.GetValue(steps)!.FullName, opened, output);
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or Steps.ChatModels.StepStopException)
            {
                var code = e is Steps.ChatModels.StepStopException stop ? stop.Code : ErrorCodes.StepFailed;
                parse.InvocationConfiguration.Error.WriteLine($"{parse.GetValue(steps)!.FullName}: error {code}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    public static void Print(string stepsDirectory, StepStore store, TextWriter w)
    {
        var plan = new ExperimentLayout(stepsDirectory).LoadPlan();
        var byId = plan.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var first = plan[0];
        var estimator = new CallEstimator(ExperimentCosts.Prices(first), store, stepsDirectory);
        var estimates = plan.Select(s => estimator.Estimate(s, byId)).ToList();

        w.WriteLine($"SkillMix plan of {first.Experiment}: {plan.Count} steps, no model called.");
        w.WriteLine("step | kind | key | state | model | calls | input tokens | output tokens | estimated USD");
        foreach (var e in estimates)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{e.Id} | {e.Kind} | {e.Key[..12]} | {e.State} | {e.Model ?? "-"} | {e.Calls} | {e.InputTokens} | {e.OutputTokens} | {Usd(e.Usd)}"));
        }
        var toRun = estimates.Where(e => e.State == StepState.ToRun).ToList();
        var unpriced = estimates.Where(e => e.Usd is null).Select(e => e.Model).Distinct().ToList();
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SkillMix plan total: {estimates.Sum(e => e.Calls)} calls, {estimates.Sum(e => e.InputTokens)} input + {estimates.Sum(e => e.OutputTokens)} output tokens, {Usd(Sum(estimates.Select(e => e.Usd)))} for the whole experiment."));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SkillMix plan to run now: {toRun.Count} of {plan.Count} steps, {toRun.Sum(e => e.Calls)} calls, {Usd(Sum(estimates.Select(e => e.UsdToSpend)))} (an upper estimate: every reply counted at its cap)."));
        if (unpriced.Count > 0)
        {
            w.WriteLine($"SkillMix plan: no price for {string.Join(", ", unpriced)}; add it to a price file and set {CostSpec.PriceFileProperty}.");
        }
        if (ExperimentCosts.Budget(first) is { } budget)
        {
            var spent = ExperimentCosts.SpentBesides(first);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SkillMix plan budget: {CostSpec.BudgetProperty}={budget} USD, {spent:0.00##} USD recorded so far."));
        }
        foreach (var (step, estimate) in plan.Zip(estimates))
        {
            if (Steps.HfStudentSetup.MemoryLine(step, estimate.Calls, estimate.InputTokens) is { } memory)
            {
                w.WriteLine(memory);
            }
        }
        var problems = plan.Zip(estimates)
            .Where(p => p.Second.State == StepState.ToRun)
            .Select(p => (Project: "", Step: p.First.Id, Problem: StepState.Problem(p.First)))
            .Where(p => p.Problem is not null)
            .Select(p => (p.Project, p.Step, p.Problem!));
        foreach (var line in StepCheck.Lines(problems))
        {
            // Not in MSBuild's error format: in plan mode these are facts to read, not failures.
            var message = line[(line.IndexOf("error ", StringComparison.Ordinal) + "error ".Length)..];
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            w.WriteLine($"SkillMix plan: a real build would stop ({message[..colon]}):{message[(colon + 1)..]}");
        }
    }

    private static decimal? Sum(IEnumerable<decimal?> values)
    {
        decimal total = 0;
        foreach (var value in values)
        {
            if (value is not { } usd)
            {
                return null;
            }
            total += usd;
        }
        return total;
    }

    private static string Usd(decimal? usd) => usd is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "no price";
}
