using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SkillMix.Core.Grading;
using SkillMix.Core.Metrics;
using SkillMix.Core.Prompts;

namespace SkillMix.Steps.Report;

/// <summary>
/// The HTML report's data as two JSON documents: the index (results, samples with their answers, points and votes; what
/// the table and the filters need) and the texts (prompts and grader replies; about nine tenths of the bytes, needed only
/// when a sample is opened, so the page can show its table before reading them). Every text goes once into a string
/// table and is referred to by index, so a prompt shared by the answers of a combination, or a second-turn prompt shared
/// by a whole k, is stored once. Votes and outcomes are computed here with Core's rules, so the page only shows them.
/// </summary>
internal static class HtmlReportData
{
    /// <summary>The outcomes a sample can have under its first grader, in filter order.</summary>
    public static readonly IReadOnlyList<string> Outcomes = ["full marks", "all skills, not full marks", "missed a skill"];

    public static (byte[] Index, byte[] Texts) Serialize(HtmlReportInput input)
    {
        var strings = new StringTable();
        var texts = new StringTable();
        using var stream = new MemoryStream();
        // Relaxed escaping keeps non-ASCII text readable and small; the page escapes '<' where it embeds the index as is.
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("title", input.Title);
            w.WriteString("summary", input.Summary);
            WriteStrings(w, "models", input.Models);
            WriteStrings(w, "settings", input.Settings);
            WriteStrings(w, "outcomes", Outcomes);
            w.WriteStartObject("rubric");
            w.WriteString("skill", Rubric.SkillCriterion(""));
            w.WriteString("topic", Rubric.TopicCriterion(""));
            w.WriteString("sense", Rubric.SenseCriterion);
            w.WriteStartObject("length");
            foreach (var k in input.Samples.Select(s => s.K).Concat(input.Cells.Select(c => c.Cell.K)).Distinct().Order())
            {
                w.WriteString(k.ToString(System.Globalization.CultureInfo.InvariantCulture), Rubric.LengthCriterion(SentenceLimit.For(k)));
            }
            w.WriteEndObject();
            w.WriteEndObject();
            WriteCells(w, input.Cells);
            w.WriteStartArray("samples");
            foreach (var sample in input.Samples)
            {
                WriteSample(w, sample, strings, texts);
            }
            w.WriteEndArray();
            WriteStrings(w, "strings", strings.Values);
            w.WriteEndObject();
        }
        using var textStream = new MemoryStream();
        using (var w = new Utf8JsonWriter(textStream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var text in texts.Values)
            {
                w.WriteStringValue(text);
            }
            w.WriteEndArray();
        }
        return (stream.ToArray(), textStream.ToArray());
    }

    private static void WriteCells(Utf8JsonWriter w, IReadOnlyList<CellResult> cells)
    {
        w.WriteStartArray("cells");
        foreach (var c in cells)
        {
            w.WriteStartObject();
            w.WriteString("model", c.Cell.Model);
            w.WriteString("grader", c.Cell.Grader);
            w.WriteString("setting", c.Cell.Setting);
            w.WriteNumber("k", c.Cell.K);
            w.WriteNumber("n", c.Combinations);
            Metric(w, "fm", c.FullMarks);
            Metric(w, "as", c.AllSkills);
            Metric(w, "sf", c.SkillsFraction);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Metric(Utf8JsonWriter w, string name, MetricEstimate m)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(m.Mean);
        if (m.StdErr is { } se)
        {
            w.WriteNumberValue(se);
        }
        else
        {
            w.WriteNullValue();
        }
        w.WriteNumberValue(m.CiLow);
        w.WriteNumberValue(m.CiHigh);
        w.WriteEndArray();
    }

    // Members (numbers index the strings; p, p2 and rp index the texts): m model, s setting, k, c combination, r repeat,
    // sk skills, t topic, p prompt, p2 second prompt, a answer,
    // o outcome (index into outcomes), d 1 when graders disagree, g one entry per grader.
    private static void WriteSample(Utf8JsonWriter w, HtmlSample sample, StringTable strings, StringTable texts)
    {
        var graders = sample.Gradings.GroupBy(g => g.Grader).Select(g => (Grader: g.Key, Gradings: g.OrderBy(x => x.Repeat).ToList())).ToList();
        var votes = graders.Select(g => Vote(g.Gradings, sample.K)).ToList();
        w.WriteStartObject();
        w.WriteNumber("m", strings.Index(sample.Model));
        w.WriteNumber("s", strings.Index(sample.Setting));
        w.WriteNumber("k", sample.K);
        w.WriteNumber("c", sample.Combination);
        w.WriteNumber("r", sample.Repeat);
        w.WriteStartArray("sk");
        foreach (var skill in sample.Skills)
        {
            w.WriteNumberValue(strings.Index(skill));
        }
        w.WriteEndArray();
        w.WriteNumber("t", strings.Index(sample.Topic));
        w.WriteNumber("p", texts.Index(sample.Prompt));
        w.WriteNumber("p2", texts.Index(sample.SecondPrompt));
        w.WriteNumber("a", strings.Index(sample.Answer));
        if (votes.Count > 0)
        {
            w.WriteNumber("o", Outcome(GenerationScore.Of(votes[0], sample.K)));
        }
        if (votes.Count > 1 && votes.Skip(1).Any(v => !v.SequenceEqual(votes[0])))
        {
            w.WriteNumber("d", 1);
        }
        w.WriteStartArray("g");
        for (var i = 0; i < graders.Count; i++)
        {
            var score = GenerationScore.Of(votes[i], sample.K);
            w.WriteStartObject();
            w.WriteNumber("n", strings.Index(graders[i].Grader));
            Numbers(w, "v", votes[i]);
            w.WriteNumber("fm", score.FullMarks);
            w.WriteNumber("as", score.AllSkills);
            w.WriteNumber("sf", score.SkillsFraction);
            w.WriteStartArray("x");
            foreach (var grading in graders[i].Gradings)
            {
                w.WriteStartObject();
                w.WriteNumber("r", grading.Repeat);
                Numbers(w, "pt", grading.Points);
                w.WriteNumber("lp", grading.LengthPoint);
                w.WriteNumber("rp", texts.Index(grading.Reply));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // The aggregation's rule: the points fitted to k + 3, the last replaced by the counted length point, then the vote.
    private static IReadOnlyList<double> Vote(IReadOnlyList<HtmlGrading> gradings, int k) =>
        MajorityVote.Vote(gradings.Select(g =>
        {
            var points = GradeReplyParser.Fit(g.Points, k).ToArray();
            points[^1] = g.LengthPoint;
            return (IReadOnlyList<double>)points;
        }).ToList());

    private static int Outcome(GenerationScore score) => score.FullMarks >= 1 ? 0 : score.AllSkills >= 1 ? 1 : 2;

    private static void Numbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }
        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }

    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];

        public IReadOnlyList<string> Values => _values;

        public int Index(string value)
        {
            if (!_index.TryGetValue(value, out var i))
            {
                i = _values.Count;
                _index[value] = i;
                _values.Add(value);
            }
            return i;
        }
    }
}
