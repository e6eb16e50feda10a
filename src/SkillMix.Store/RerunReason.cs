using System.Text.Json.Nodes;

namespace SkillMix.Store;

/// <summary>
/// Says in words why a step runs (or does not): what changed in its definition since the last build, and what the store
/// had. A build logs this for every step, so "why did this re-run?" is answered without reading hashes.
/// </summary>
public static class RerunReason
{
    /// <summary>
    /// The differences between the definition a step had last time and the one it has now, e.g.
    /// "key changed: Combinations 100 -> 200; input 'train' changed (key abc123.. -> def456..)"; "key unchanged" when
    /// they are equal, "no previous run recorded" when there is no previous definition.
    /// </summary>
    public static string Explain(StepDefinition? previous, StepDefinition current)
    {
        if (previous is null)
        {
            return "no previous run recorded";
        }
        var changes = Differences(previous, current);
        return changes.Count == 0 ? "key unchanged" : "key changed: " + string.Join("; ", changes);
    }

    /// <summary>
    /// The whole story for a build log: "restored from store", "not in the store", "key changed: Combinations 100 ->
    /// 200" (the change is the reason there was nothing to restore), or a discarded entry's problem.
    /// </summary>
    public static string Explain(StepDefinition? previous, StepDefinition current, RestoreResult restore)
    {
        var change = previous is null || previous.Key == current.Key ? null : Explain(previous, current);
        return restore.Outcome switch
        {
            RestoreOutcome.Restored => change is null ? "restored from store" : $"restored from store ({change})",
            RestoreOutcome.NotInStore when change is not null => change,
            RestoreOutcome.NotInStore when previous is null => "not in the store (no previous run recorded)",
            RestoreOutcome.NotInStore => "not in the store",
            _ => change is null ? restore.Describe() : $"{change}; {restore.Describe()}",
        };
    }

    /// <summary>One phrase per difference, in a fixed order: schema, kind, code version, parameters, inputs.</summary>
    public static IReadOnlyList<string> Differences(StepDefinition previous, StepDefinition current)
    {
        var changes = new List<string>();
        if (previous.SchemaVersion != current.SchemaVersion)
        {
            changes.Add($"key schema {previous.SchemaVersion} -> {current.SchemaVersion}");
        }
        if (previous.Kind != current.Kind)
        {
            changes.Add($"kind {previous.Kind} -> {current.Kind}");
        }
        if (previous.CodeVersion != current.CodeVersion)
        {
            changes.Add($"code version {previous.CodeVersion} -> {current.CodeVersion}");
        }
        foreach (var name in Names(previous.Parameters.Keys, current.Parameters.Keys))
        {
            Compare(name, previous.Parameters.GetValueOrDefault(name), current.Parameters.GetValueOrDefault(name), changes);
        }
        foreach (var name in Names(previous.Inputs.Keys, current.Inputs.Keys))
        {
            var before = previous.Inputs.GetValueOrDefault(name);
            var after = current.Inputs.GetValueOrDefault(name);
            if (before is null)
            {
                changes.Add($"input '{name}' added (key {Short(after!)})");
            }
            else if (after is null)
            {
                changes.Add($"input '{name}' removed (was key {Short(before)})");
            }
            else if (before != after)
            {
                changes.Add($"input '{name}' changed (key {Short(before)} -> {Short(after)})");
            }
        }
        return changes;
    }

    // Values are canonical JSON texts; a group of settings (an object) is compared member by member, so a change reads
    // "Training.WarmupSteps 20 -> 10" rather than two whole objects.
    private static void Compare(string name, string? before, string? after, List<string> changes)
    {
        if (before is null)
        {
            changes.Add($"{name} added ({after})");
        }
        else if (after is null)
        {
            changes.Add($"{name} removed (was {before})");
        }
        else if (before != after)
        {
            if (JsonNode.Parse(before) is JsonObject a && JsonNode.Parse(after) is JsonObject b)
            {
                foreach (var member in Names(a.Select(m => m.Key), b.Select(m => m.Key)))
                {
                    Compare($"{name}.{member}", Text(a, member), Text(b, member), changes);
                }
            }
            else
            {
                changes.Add($"{name} {before} -> {after}");
            }
        }
    }

    private static string? Text(JsonObject obj, string member) =>
        obj.TryGetPropertyValue(member, out var value) ? Store.CanonicalJson.Write(value) : null;

    private static IEnumerable<string> Names(IEnumerable<string> before, IEnumerable<string> after) =>
        before.Union(after, StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static string Short(string key) => key[..Math.Min(8, key.Length)] + "..";
}
