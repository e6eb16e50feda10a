// Times results.html at the paper's scale: writes a report of synthetic samples sized like real Skill-Mix records (a
// 1.6 KB first prompt shared by a combination's answers, 140-character answers, 1.1 KB grader replies, as in Skill-Mix's
// published test/ records), then opens it in headless chromium with bench-report.mjs and times opening and filtering.
// Usage: dotnet run -c Release --project bench/SkillMix.Bench.Report -- [--combinations 100] [--runs 3] [--out folder]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SkillMix.Steps.Report;
using SkillMix.Core.Metrics;

var combinations = Option("--combinations", 100);
var runs = Option("--runs", 3);
var output = OptionText("--out", Path.Combine(Path.GetTempPath(), "skillmix-bench-report"));
Directory.CreateDirectory(output);

// P1's design: the base student and four fine-tunes; train, held-out and all; k = 2..5; 3 answers of each combination,
// each graded 3 times; a second grader grades every held-out answer once.
string[] models = ["base", "D1", "D12", "D123", "D123-8k"];
string[] settings = ["train", "held-out", "all"];
var skills = Enumerable.Range(1, 101).Select(i => $"skill {i:000} ({Words(2, i)})").ToArray();
var topics = Enumerable.Range(1, 100).Select(i => $"Topic {i:000}").ToArray();
var random = new Random(10);
var samples = new List<HtmlSample>();
foreach (var model in models)
{
    foreach (var setting in settings)
    {
        for (var k = 2; k <= 5; k++)
        {
            for (var c = 0; c < combinations; c++)
            {
                var chosen = skills.OrderBy(_ => random.Next()).Take(k).ToArray();
                var topic = topics[random.Next(topics.Length)];
                var prompt = $"Please write about {topic} showing {string.Join(", ", chosen)}. " + Words(230, random.Next());
                for (var repeat = 1; repeat <= 3; repeat++)
                {
                    var gradings = new List<HtmlGrading>();
                    for (var g = 1; g <= 3; g++)
                    {
                        gradings.Add(Grading("gpt-4-0613", g, k));
                    }
                    if (setting == "held-out")
                    {
                        gradings.Add(Grading("claude-opus-4-1-20250805", 1, k));
                    }
                    samples.Add(new HtmlSample(model, setting, k, c, repeat, chosen, topic, prompt, "Thanks. Please improve it. " + Words(40, k),
                        Words(22, random.Next()), gradings));
                }
            }
        }
    }
}
var gradingCount = samples.Sum(s => s.Gradings.Count);
var cells = (from m in models from s in settings from k in Enumerable.Range(2, 4)
             select new CellResult(new CellKey(m, "gpt-4-0613", s, k), combinations, combinations * 3, combinations * 9,
                 M(), M(), M())).ToList();
var input = new HtmlReportInput("Bench", "Synthetic report of the paper's design.", models, settings, cells, null, samples);

var watch = Stopwatch.StartNew();
var path = Path.Combine(output, HtmlReport.FileName);
HtmlReport.Write(input, path);
var writeSeconds = watch.Elapsed.TotalSeconds;
var baseline = Path.Combine(output, "baseline.html");
// The baseline: a page of the same byte size whose script only marks itself ready, so the ratio shows the report's own cost.
var size = new FileInfo(path).Length;
File.WriteAllText(baseline, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"></head><body><script type=\"text/plain\">"
    + new string('x', (int)Math.Max(0, size - 300)) + "</script><script>window.skillmixReport = { ready: true, shown: 0 };</script></body></html>");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"report: {samples.Count} samples, {gradingCount} gradings, {size / 1e6:0.0} MB, written in {writeSeconds:0.00} s ({path})"));

var scripts = FindScripts();
var start = new ProcessStartInfo("node") { WorkingDirectory = AppContext.BaseDirectory };
foreach (var a in new[] { Path.Combine(scripts, "bench-report.mjs"), path, baseline, runs.ToString(CultureInfo.InvariantCulture) })
{
    start.ArgumentList.Add(a);
}
using var node = Process.Start(start)!;
await node.WaitForExitAsync();
return node.ExitCode;

HtmlGrading Grading(string grader, int repeat, int k)
{
    var points = Enumerable.Range(0, k + 3).Select(_ => random.NextDouble() < 0.7 ? 1.0 : 0.0).ToArray();
    var reply = new StringBuilder("Here's the grading table:\n\n| Criteria | Points Earned |\n|---|---|\n");
    for (var i = 0; i < points.Length; i++)
    {
        reply.Append(CultureInfo.InvariantCulture, $"| Criterion {i + 1} about {Words(4, random.Next())} | {points[i]} |\n");
    }
    reply.Append(CultureInfo.InvariantCulture, $"| Total Points Earned | {points.Sum()} |\n\nExplanation: ").Append(Words(110, random.Next()));
    return new HtmlGrading(grader, repeat, points, random.Next(2), reply.ToString());
}

// Varied words, so the compressed size is near that of real text rather than of a repeated string.
string Words(int count, int seed)
{
    var r = new Random(seed);
    return string.Join(' ', Enumerable.Range(0, count).Select(_ => Vocabulary[r.Next(Vocabulary.Length)]));
}

static MetricEstimate M() => new(0.25, 0.05, 0.15, 0.35);

int Option(string name, int fallback) => int.Parse(OptionText(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string OptionText(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string FindScripts()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "bench", "SkillMix.Bench.Report");
        if (File.Exists(Path.Combine(candidate, "bench-report.mjs")))
        {
            return candidate;
        }
    }
    throw new InvalidOperationException("bench/SkillMix.Bench.Report/bench-report.mjs not found above " + AppContext.BaseDirectory);
}

internal sealed partial class Program
{
    private static readonly string[] Vocabulary =
    [
        "the", "student", "text", "skill", "illustrates", "metaphor", "topic", "clearly", "answer", "because", "sentence", "which",
        "shows", "reasoning", "implicit", "assumption", "bees", "hive", "needle", "thread", "knot", "rope", "duel", "honour",
        "garden", "city", "empire", "however", "therefore", "most", "every", "some", "although", "point", "earned", "criterion",
        "natural", "minimal", "example", "definition", "explanation", "correctly", "pertains", "makes", "sense", "at", "most",
        "one", "two", "three", "a", "an", "of", "to", "in", "on", "with", "and", "or", "not", "is", "was", "does", "it", "this",
    ];
}
