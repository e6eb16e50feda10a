using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SkillMix.Core.Metrics;

namespace SkillMix.Cli.Commands;

/// <summary>The aggregate results as JSON for machines: notes, options, then one object per cell in a fixed member order.</summary>
internal static class AggregateJson
{
    public static string Format(IReadOnlyList<CellResult> cells, IReadOnlyList<string> notes, AggregateOptions options)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("notes");
            foreach (var note in notes)
            {
                w.WriteStringValue(note);
            }
            w.WriteEndArray();
            w.WriteStartObject("options");
            w.WriteBoolean("nameFilter", options.NameFilter);
            w.WriteBoolean("reparse", options.Reparse);
            w.WriteNumber("resamples", options.Resamples);
            w.WriteNumber("seed", options.Seed);
            w.WriteEndObject();
            w.WriteStartArray("cells");
            foreach (var c in cells)
            {
                w.WriteStartObject();
                w.WriteString("model", c.Cell.Model);
                w.WriteString("grader", c.Cell.Grader);
                w.WriteString("setting", c.Cell.Setting);
                w.WriteNumber("k", c.Cell.K);
                w.WriteNumber("combinations", c.Combinations);
                w.WriteNumber("generations", c.Generations);
                w.WriteNumber("gradings", c.Gradings);
                Metric(w, "fm", c.FullMarks);
                Metric(w, "as", c.AllSkills);
                Metric(w, "sf", c.SkillsFraction);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Metric(Utf8JsonWriter w, string name, MetricEstimate m)
    {
        w.WriteStartObject(name);
        w.WriteNumber("mean", m.Mean);
        if (m.StdErr is { } se)
        {
            w.WriteNumber("stdErr", se);
        }
        else
        {
            w.WriteNull("stdErr");
        }
        w.WriteNumber("ciLow", m.CiLow);
        w.WriteNumber("ciHigh", m.CiHigh);
        w.WriteEndObject();
    }
}
