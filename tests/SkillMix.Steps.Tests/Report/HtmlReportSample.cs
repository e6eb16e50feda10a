using SkillMix.Steps.Report;
using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Tests.Report;

/// <summary>
/// A small HTML report input: models base and D12, settings train and held-out, k = 2 and 3, two answers per combination,
/// each graded three times by grader-a and once by grader-b. One answer carries a planted script.
/// </summary>
internal static class HtmlReportSample
{
    public const string Planted = "<script>window.__planted = 'script'</script><img src=x onerror=\"window.__planted = 'img'\">";

    public static IReadOnlyList<HtmlSample> Samples()
    {
        var samples = new List<HtmlSample>();
        var skills = new[] { "metaphor", "red herring", "modus ponens" };
        foreach (var model in new[] { "base", "D12" })
        {
            foreach (var setting in new[] { "train", "held-out" })
            {
                foreach (var k in new[] { 2, 3 })
                {
                    for (var combination = 0; combination < 2; combination++)
                    {
                        for (var repeat = 1; repeat <= 2; repeat++)
                        {
                            var topic = combination == 0 ? "Sewing" : "Knots";
                            // D12 earns everything; base misses its first skill in the first answer of every combination.
                            var first = model == "D12" || repeat == 2 ? 1.0 : 0.0;
                            var points = Enumerable.Repeat(1.0, k + 3).ToArray();
                            points[0] = first;
                            // grader-b withholds the topic point on held-out answers: the graders disagree there.
                            var other = points.ToArray();
                            if (setting == "held-out")
                            {
                                other[k] = 0;
                            }
                            var answer = model == "base" && setting == "train" && k == 2 && combination == 0 && repeat == 1
                                ? "Her needle was a sparrow. " + Planted
                                : $"{model} answer {repeat} on {topic} with {k} skills.";
                            samples.Add(new HtmlSample(model, setting, k, combination, repeat, skills[..k], topic,
                                $"Write about {topic} showing {string.Join(", ", skills[..k])}. Answer:",
                                "Improve it. Answer:", answer,
                                [
                                    new HtmlGrading("grader-a", 1, points, 1, Reply(points, "First look.")),
                                    new HtmlGrading("grader-a", 2, points, 1, Reply(points, "Second look.")),
                                    new HtmlGrading("grader-a", 3, points, 1, Reply(points, "Third look " + Planted)),
                                    new HtmlGrading("grader-b", 1, other, 1, Reply(other, "Another grader.")),
                                ]));
                        }
                    }
                }
            }
        }
        return samples;
    }

    public static HtmlReportInput Input(IReadOnlyList<HtmlSample>? samples = null) => new(
        "Tiny <b>experiment</b>",
        "World offline, seed 10.",
        ["base", "D12"],
        ["train", "held-out"],
        [
            new CellResult(new CellKey("base", "grader-a", "train", 2), 2, 4, 12, M(0.5), M(0.5), M(0.75)),
            new CellResult(new CellKey("D12", "grader-a", "train", 2), 2, 4, 12, M(1), M(1), M(1)),
        ],
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray(),
        samples ?? Samples());

    private static MetricEstimate M(double mean) => new(mean, 0.1, Math.Max(0, mean - 0.2), Math.Min(1, mean + 0.2));

    private static string Reply(IReadOnlyList<double> points, string explanation) =>
        "Here's the grading table:\n| Criteria | Points Earned |\n|---|---|\n"
        + string.Concat(points.Select((p, i) => $"| criterion {i + 1} | {p} |\n"))
        + $"| Total Points Earned | {points.Sum()} |\nExplanation: {explanation}";
}
