using System.Diagnostics;
using System.Globalization;
using SkillMix.Core.Prompts;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld;

// Generates and grades N texts (k = 1..5 in turn) on one thread and prints the time of each phase.
// Usage: dotnet run -c Release --project bench/SkillMix.Bench.OfflineWorld [count]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var world = CheckableWorld.Default;
var teacher = world.Teacher();
var grader = world.Grader();

var warmup = Stopwatch.StartNew();
var first = CombinationSampler.Sample(world.World, Pool.All, Pool.All, 3, 1, seed: 1)[0];
grader.Grade(first.Skills, first.Topic, 2, teacher.Compose(first.Skills, first.Topic, 2, 1, 1).Text);
warmup.Stop();

var combinations = Enumerable.Range(1, 5)
    .SelectMany(k => CombinationSampler.Sample(world.World, Pool.All, Pool.All, k, count / 5, seed: 42))
    .ToList();
var generate = new Stopwatch();
var grade = new Stopwatch();
var fullMarks = 0;
var fullByK = new int[6];
var countByK = new int[6];
foreach (var c in combinations)
{
    var limit = SentenceLimit.For(c.K);
    generate.Start();
    var composition = teacher.Compose(c.Skills, c.Topic, limit, seed: 42, repeat: 1);
    generate.Stop();
    grade.Start();
    var verdict = grader.Grade(c.Skills, c.Topic, limit, composition.Text);
    grade.Stop();
    fullMarks += verdict.FullMarks ? 1 : 0;
    fullByK[c.K] += verdict.FullMarks ? 1 : 0;
    countByK[c.K]++;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{combinations.Count} texts: generate {generate.Elapsed.TotalSeconds:F2} s, grade {grade.Elapsed.TotalSeconds:F2} s, " +
    $"total {(generate.Elapsed + grade.Elapsed).TotalSeconds:F2} s (first call, building the patterns: {warmup.Elapsed.TotalSeconds:F2} s); " +
    $"full marks {fullMarks}/{combinations.Count}; {Environment.ProcessorCount} logical cores, {Environment.Version}"));

// The teacher's full-mark rate by k under the default failure model (docs/offline-world.md).
Console.WriteLine("| k | texts | full marks | rate |");
Console.WriteLine("|---|---|---|---|");
for (var k = 1; k <= 5; k++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {k} | {countByK[k]} | {fullByK[k]} | {(double)fullByK[k] / Math.Max(1, countByK[k]):F3} |"));
}
