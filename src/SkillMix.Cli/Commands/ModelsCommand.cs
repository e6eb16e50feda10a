using System.CommandLine;
using System.Globalization;
using SkillMix.Models.Cost;
using SkillMix.Models.Store;

namespace SkillMix.Cli.Commands;

/// <summary>
/// skillmix models: what model calls will cost before a run (estimate) and what a call store holds after one (calls).
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var prices = new Option<FileInfo?>("--prices")
        {
            Description = "A JSON price file that adds to or replaces the built-in table: "
                + "{ \"model\": { \"inputPerMillion\": 2.5, \"outputPerMillion\": 10 } } (USD per million tokens).",
        };
        return new Command("models", "Model calls: estimate their cost before a run, summarize a call store after one.")
        {
            EstimateCommand(prices),
            CallsCommand(prices),
        };
    }

    private static Command EstimateCommand(Option<FileInfo?> prices)
    {
        var model = new Option<string>("--model") { Description = "The model id, e.g. gpt-4-0613.", Required = true };
        var calls = new Option<int>("--calls") { Description = "Planned calls.", Required = true };
        var input = new Option<int>("--input-tokens") { Description = "Estimated input tokens per call.", Required = true };
        var output = new Option<int>("--output-tokens") { Description = "Estimated output tokens per call (the output cap for a worst case).", Required = true };
        var command = new Command("estimate", "The list price of planned calls, before any is made.") { model, calls, input, output, prices };
        command.SetAction(parse => Run(parse, () =>
        {
            var plan = Table(parse.GetValue(prices)).Estimate(parse.GetValue(model)!, parse.GetValue(calls), parse.GetValue(input), parse.GetValue(output));
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{plan.Model}: {plan.Calls} calls, {plan.InputTokens} input + {plan.OutputTokens} output tokens = ${plan.Usd:0.00##}"));
        }));
        return command;
    }

    private static Command CallsCommand(Option<FileInfo?> prices)
    {
        var folder = new Argument<DirectoryInfo>("store") { Description = "The call store folder." };
        var command = new Command("calls", "Summarize a call store: calls, tokens and list price per reported model id.") { folder, prices };
        command.SetAction(parse => Run(parse, () =>
        {
            var root = parse.GetValue(folder)!;
            if (!root.Exists)
            {
                throw new IOException($"The call store folder {root.FullName} does not exist.");
            }
            var table = Table(parse.GetValue(prices));
            var store = new CallStore(root.FullName);
            var rows = store.Keys().Select(store.TryRead).OfType<CallRecord>()
                .GroupBy(r => r.ModelId ?? "(not reported)", StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine("model | calls | input tokens | output tokens | list price USD");
            foreach (var group in rows)
            {
                var inputTokens = group.Sum(r => r.InputTokens ?? 0);
                var outputTokens = group.Sum(r => r.OutputTokens ?? 0);
                var price = table.Find(group.Key)?.Of(inputTokens, outputTokens);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{group.Key} | {group.Count()} | {inputTokens} | {outputTokens} | {(price is { } usd ? usd.ToString("0.00##", CultureInfo.InvariantCulture) : "no price")}"));
            }
        }));
        return command;
    }

    private static PriceTable Table(FileInfo? file) => file is null ? PriceTable.BuiltIn : PriceTable.WithOverrides(file.FullName);

    private static int Run(ParseResult parse, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is CostException or CallStoreException or IOException)
        {
            parse.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
            return 2;
        }
    }
}
