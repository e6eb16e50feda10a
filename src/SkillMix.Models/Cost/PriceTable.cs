using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillMix.Models.Cost;

/// <summary>
/// Prices per model id. A dated snapshot ("gpt-4-0613", "claude-sonnet-4-5-20250929") takes the price of the longest
/// listed name it extends with "-"; an exact entry wins. Users override or extend the built-in table with a JSON file:
/// { "gpt-4": { "inputPerMillion": 30, "outputPerMillion": 60 } }.
/// </summary>
public sealed class PriceTable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, ModelPrice> _prices;

    public PriceTable(IReadOnlyDictionary<string, ModelPrice> prices)
    {
        _prices = new Dictionary<string, ModelPrice>(prices, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// List prices in USD per million tokens, as published by OpenAI and Anthropic (checked November 2025): the papers'
    /// models (GPT-4, GPT-3.5, Claude 3 Opus) and current ones. Prices change: pass a price file for a costed run.
    /// </summary>
    public static PriceTable BuiltIn { get; } = new(new Dictionary<string, ModelPrice>
    {
        ["gpt-4"] = new(30m, 60m),
        ["gpt-4-32k"] = new(60m, 120m),
        ["gpt-4-1106-preview"] = new(10m, 30m),
        ["gpt-4-0125-preview"] = new(10m, 30m),
        ["gpt-4-turbo"] = new(10m, 30m),
        ["gpt-4o"] = new(2.5m, 10m),
        ["gpt-4o-2024-05-13"] = new(5m, 15m),
        ["gpt-4o-mini"] = new(0.15m, 0.6m),
        ["gpt-4.1"] = new(2m, 8m),
        ["gpt-4.1-mini"] = new(0.4m, 1.6m),
        ["gpt-4.1-nano"] = new(0.1m, 0.4m),
        ["gpt-5"] = new(1.25m, 10m),
        ["gpt-5-mini"] = new(0.25m, 2m),
        ["gpt-5-nano"] = new(0.05m, 0.4m),
        ["o1"] = new(15m, 60m),
        ["o3"] = new(2m, 8m),
        ["o3-mini"] = new(1.1m, 4.4m),
        ["o4-mini"] = new(1.1m, 4.4m),
        ["gpt-3.5-turbo"] = new(0.5m, 1.5m),
        ["gpt-35-turbo"] = new(0.5m, 1.5m),
        ["claude-3-opus"] = new(15m, 75m),
        ["claude-3-sonnet"] = new(3m, 15m),
        ["claude-3-haiku"] = new(0.25m, 1.25m),
        ["claude-3-5-sonnet"] = new(3m, 15m),
        ["claude-3-5-haiku"] = new(0.8m, 4m),
        ["claude-3-7-sonnet"] = new(3m, 15m),
        ["claude-sonnet-4"] = new(3m, 15m),
        ["claude-sonnet-4-5"] = new(3m, 15m),
        ["claude-opus-4"] = new(15m, 75m),
        ["claude-opus-4-1"] = new(15m, 75m),
        ["claude-opus-4-5"] = new(5m, 25m),
        ["claude-haiku-4-5"] = new(1m, 5m),
    });

    /// <summary>The built-in table with the entries of a user's price file added or replaced.</summary>
    public static PriceTable WithOverrides(string path)
    {
        Dictionary<string, ModelPrice>? overrides;
        try
        {
            overrides = JsonSerializer.Deserialize<Dictionary<string, ModelPrice>>(File.ReadAllText(path), s_json);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? $"line {n + 1}, " : "";
            throw new CostException($"{path}: {line}{e.Path}: {e.Message} Write {{ \"model\": {{ \"inputPerMillion\": 2.5, \"outputPerMillion\": 10 }} }}.");
        }
        catch (IOException e)
        {
            throw new CostException($"{path}: the price file cannot be read: {e.Message}");
        }
        var merged = new Dictionary<string, ModelPrice>(BuiltIn._prices, StringComparer.OrdinalIgnoreCase);
        foreach (var (model, price) in overrides ?? [])
        {
            if (price is null || price.InputPerMillion < 0 || price.OutputPerMillion < 0)
            {
                throw new CostException($"{path}: the price of '{model}' must give inputPerMillion and outputPerMillion, both at least 0.");
            }
            merged[model] = price;
        }
        return new PriceTable(merged);
    }

    public ModelPrice? Find(string model)
    {
        if (_prices.TryGetValue(model, out var exact))
        {
            return exact;
        }
        ModelPrice? best = null;
        var bestLength = 0;
        foreach (var (name, price) in _prices)
        {
            if (name.Length > bestLength && model.Length > name.Length && model[name.Length] == '-'
                && model.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                best = price;
                bestLength = name.Length;
            }
        }
        return best;
    }

    /// <summary>The list price of planned calls; fails when the model has no price, since an estimate must not be a guess.</summary>
    public PlannedCost Estimate(string model, int calls, int inputTokensPerCall, int outputTokensPerCall)
    {
        var price = Find(model) ?? throw NoPrice(model);
        var input = (long)calls * inputTokensPerCall;
        var output = (long)calls * outputTokensPerCall;
        return new PlannedCost(model, calls, input, output, price.Of(input, output));
    }

    internal static CostException NoPrice(string model) =>
        new($"No price is known for model '{model}': add it to a price file ({{ \"{model}\": {{ \"inputPerMillion\": ..., \"outputPerMillion\": ... }} }}) and pass that file.");
}
