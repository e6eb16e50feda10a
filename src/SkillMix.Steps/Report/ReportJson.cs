using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMix.Steps.Report;

/// <summary>How the report's JSON files are written: indented, "\n" line ends on every OS, non-ASCII text kept readable.</summary>
internal static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        // The files are data, never embedded in HTML, so "–" and "+" stay as they are instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(JsonNode node, TextWriter w)
    {
        w.Write(node.ToJsonString(Options));
        w.Write('\n');
    }

    /// <summary>A copy with the members of every object in ordinal order, so free-form metadata always reads the same.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
