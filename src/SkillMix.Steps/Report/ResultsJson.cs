using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillMix.Core;
using SkillMix.Core.Metrics;
using SkillMix.Core.Worlds;

namespace SkillMix.Steps.Report;

/// <summary>
/// results.json: the header facts, the models, settings and training sets as declared, and every cell with data in table
/// order, each metric with its mean, standard error and 95% interval. <see cref="ReadCells"/> reads the cells back.
/// </summary>
internal static class ResultsJson
{
    /// <summary>The format of results.json; bump it when a member is added, removed or changes meaning.</summary>
    public const int FormatVersion = 1;

    public static void Write(ResultsGrid grid, TextWriter w) => ReportJson.Write(Build(grid), w);

    public static JsonObject Build(ResultsGrid grid)
    {
        var input = grid.Input;
        var json = new JsonObject
        {
            ["format"] = FormatVersion,
            ["experiment"] = input.Experiment,
            ["world"] = new JsonObject { ["name"] = input.World, ["identity"] = input.WorldIdentity },
            ["seed"] = input.Seed,
            ["reportTime"] = ReportTime.Format(input.ReportTime),
            ["roles"] = new JsonObject { ["teacher"] = input.Teacher, ["grader"] = input.Grader, ["student"] = input.Student },
            ["models"] = new JsonArray(input.Models.Select(m => (JsonNode?)m).ToArray()),
            ["evaluations"] = new JsonArray(input.Evaluations.Select(Evaluation).ToArray()),
            ["trainingSets"] = new JsonArray(input.TrainingSets.Select(TrainingSet).ToArray()),
            ["cells"] = new JsonArray(grid.Positions().Where(p => p.Cell is not null).Select(p => Cell(p.Cell!)).ToArray()),
        };
        if (input.Agreement is { } agreement)
        {
            // Present only with a second grader, so reports without one keep their bytes.
            json["agreement"] = AgreementText.Json(agreement);
        }
        return json;
    }

    /// <summary>The cells of a results.json, as they were written; damage throws with the file and the member at fault.</summary>
    public static IReadOnlyList<CellResult> ReadCells(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new SkillMixDataException(path, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON ({e.Message}); write the report again.");
        }
        var cells = root?["cells"] as JsonArray
            ?? throw new SkillMixDataException(path, null, "there is no \"cells\" array; this is not a SkillMix results.json.");
        return cells.Select((node, i) => ReadCell(node, path, $"cells[{i}]")).ToList();
    }

    private static JsonNode Evaluation(ReportEvaluation e) => new JsonObject
    {
        ["name"] = e.Name,
        ["skills"] = e.Skills.ToName(),
        ["topics"] = e.Topics.ToName(),
        ["ks"] = new JsonArray(e.Ks.Select(k => (JsonNode?)k).ToArray()),
        ["combinations"] = e.Combinations,
        ["generations"] = e.Generations,
        ["gradings"] = e.Gradings,
    };

    private static JsonNode TrainingSet(ReportTrainingSet s) => new JsonObject
    {
        ["name"] = s.Name,
        ["k"] = s.K,
        ["attempts"] = s.Attempts,
        ["kept"] = s.Kept,
        ["keptFraction"] = s.KeptFraction,
    };

    private static JsonNode Cell(CellResult c) => new JsonObject
    {
        ["model"] = c.Cell.Model,
        ["setting"] = c.Cell.Setting,
        ["k"] = c.Cell.K,
        ["grader"] = c.Cell.Grader,
        ["combinations"] = c.Combinations,
        ["generations"] = c.Generations,
        ["gradings"] = c.Gradings,
        ["fm"] = Metric(c.FullMarks),
        ["as"] = Metric(c.AllSkills),
        ["sf"] = Metric(c.SkillsFraction),
    };

    private static JsonNode Metric(MetricEstimate m) => new JsonObject
    {
        ["mean"] = m.Mean,
        ["stderr"] = m.StdErr,
        ["ciLow"] = m.CiLow,
        ["ciHigh"] = m.CiHigh,
    };

    private static CellResult ReadCell(JsonNode? node, string path, string where)
    {
        var o = node as JsonObject ?? throw Damaged(path, where, "is not an object");
        return new CellResult(
            new CellKey(Text(o, "model", path, where), Text(o, "grader", path, where), Text(o, "setting", path, where), Number<int>(o, "k", path, where)),
            Number<int>(o, "combinations", path, where),
            Number<int>(o, "generations", path, where),
            Number<int>(o, "gradings", path, where),
            ReadMetric(o["fm"], path, where + ".fm"),
            ReadMetric(o["as"], path, where + ".as"),
            ReadMetric(o["sf"], path, where + ".sf"));
    }

    private static MetricEstimate ReadMetric(JsonNode? node, string path, string where)
    {
        var o = node as JsonObject ?? throw Damaged(path, where, "is missing or not an object");
        double? stdErr = o["stderr"] is null ? null : Number<double>(o, "stderr", path, where);
        return new MetricEstimate(Number<double>(o, "mean", path, where), stdErr, Number<double>(o, "ciLow", path, where), Number<double>(o, "ciHigh", path, where));
    }

    private static string Text(JsonObject o, string name, string path, string where) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw Damaged(path, $"{where}.{name}", "is missing or not a string");

    private static T Number<T>(JsonObject o, string name, string path, string where) =>
        o[name] is JsonValue v && v.TryGetValue<T>(out var number) ? number : throw Damaged(path, $"{where}.{name}", "is missing or not a number");

    private static SkillMixDataException Damaged(string path, string where, string problem) =>
        new(path, null, $"{where} {problem}; write the report again.");
}
