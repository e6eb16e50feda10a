using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMix.Steps.Report;

/// <summary>
/// What one step cost, read from its manifest metadata: "wallSeconds" at the top, the call counters in a "usage" object
/// (as the model steps record them) or at the top. A member the step did not record stays null.
/// </summary>
internal sealed record StepUsage(double? WallSeconds, long? Calls, long? InputTokens, long? OutputTokens, double? CostUsd, long? UnpricedCalls)
{
    public static StepUsage Of(JsonObject metadata)
    {
        var usage = metadata["usage"] as JsonObject ?? metadata;
        return new StepUsage(
            Read(metadata, "wallSeconds"),
            Count(usage, "calls"),
            Count(usage, "inputTokens"),
            Count(usage, "outputTokens"),
            Read(usage, "costUsd"),
            Count(usage, "unpricedCalls"));
    }

    // Read through the JSON text: a value built in memory as an int does not convert to long or double by TryGetValue.
    private static double? Read(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    private static long? Count(JsonObject o, string name) => Read(o, name) is { } number ? (long)Math.Round(number) : null;
}
