using System.Text.Json.Nodes;

namespace SkillMix.Steps.Report;

/// <summary>
/// provenance.json: what made the results. Every step with its key, code version, parameters and recorded metadata; the
/// wall time, calls, tokens and cost read out of that metadata; the tool, the machine, the seeds; and the totals. A
/// restored step's wall time and cost are those of the run that first computed it, so the totals also say how much of
/// them this build spent.
/// </summary>
internal static class ProvenanceJson
{
    /// <summary>The format of provenance.json; bump it when a member is added, removed or changes meaning.</summary>
    public const int FormatVersion = 1;

    /// <summary>Metadata members that name a model, as the steps record them.</summary>
    private static readonly string[] ModelMembers = ["model", "teacher", "grader", "student"];

    public static void Write(ResultsGrid grid, TextWriter w) => ReportJson.Write(Build(grid.Input), w);

    public static JsonObject Build(ReportInput input)
    {
        var steps = input.Steps.Select(s => (Entry: s, Usage: StepUsage.Of(s.Metadata))).ToList();
        var run = steps.Where(s => !s.Entry.Restored).Select(s => s.Usage).ToList();
        return new JsonObject
        {
            ["format"] = FormatVersion,
            ["experiment"] = input.Experiment,
            ["reportTime"] = ReportTime.Format(input.ReportTime),
            ["tool"] = input.Machine.ToolVersion,
            ["machine"] = new JsonObject
            {
                ["os"] = input.Machine.Os,
                ["architecture"] = input.Machine.Architecture,
                ["cores"] = input.Machine.Cores,
                ["runtime"] = input.Machine.Runtime,
            },
            ["world"] = new JsonObject { ["name"] = input.World, ["identity"] = input.WorldIdentity },
            ["roles"] = new JsonObject { ["teacher"] = input.Teacher, ["grader"] = input.Grader, ["student"] = input.Student },
            ["seeds"] = Seeds(input),
            ["steps"] = new JsonArray(steps.Select(s => Step(s.Entry, s.Usage)).ToArray()),
            ["totals"] = new JsonObject
            {
                ["steps"] = steps.Count,
                ["run"] = run.Count,
                ["restored"] = steps.Count - run.Count,
                ["recorded"] = Totals(steps.Select(s => s.Usage).ToList()),
                ["thisBuild"] = Totals(run),
            },
        };
    }

    private static JsonNode Step(ProvenanceEntry entry, StepUsage usage)
    {
        var models = new JsonObject();
        foreach (var name in ModelMembers)
        {
            if (entry.Metadata[name] is JsonValue v && v.TryGetValue<string>(out var id))
            {
                models[name] = id;
            }
        }
        return new JsonObject
        {
            ["id"] = entry.Id,
            ["kind"] = entry.Kind,
            ["key"] = entry.Key,
            ["codeVersion"] = entry.CodeVersion,
            ["outcome"] = entry.Restored ? "restored" : "run",
            ["wallSeconds"] = usage.WallSeconds,
            ["models"] = models,
            ["calls"] = usage.Calls,
            ["inputTokens"] = usage.InputTokens,
            ["outputTokens"] = usage.OutputTokens,
            ["costUsd"] = usage.CostUsd,
            ["parameters"] = ReportJson.Sorted(entry.Parameters),
            ["metadata"] = ReportJson.Sorted(entry.Metadata),
        };
    }

    /// <summary>The experiment's seed and every parameter named "seed" or "...Seed" of each step that has one.</summary>
    private static JsonObject Seeds(ReportInput input)
    {
        var steps = new JsonObject();
        foreach (var entry in input.Steps)
        {
            var seeds = entry.Parameters
                .Where(p => p.Key.EndsWith("seed", StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ToList();
            if (seeds.Count > 0)
            {
                steps[entry.Id] = new JsonObject(seeds.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            }
        }
        return new JsonObject { ["experiment"] = input.Seed, ["steps"] = steps };
    }

    private static JsonObject Totals(IReadOnlyList<StepUsage> usages) => new()
    {
        ["wallSeconds"] = Math.Round(usages.Sum(u => u.WallSeconds ?? 0), 3),
        ["calls"] = usages.Sum(u => u.Calls ?? 0),
        ["inputTokens"] = usages.Sum(u => u.InputTokens ?? 0),
        ["outputTokens"] = usages.Sum(u => u.OutputTokens ?? 0),
        ["costUsd"] = Math.Round(usages.Sum(u => u.CostUsd ?? 0), 6),
        ["unpricedCalls"] = usages.Sum(u => u.UnpricedCalls ?? 0),
    };
}
