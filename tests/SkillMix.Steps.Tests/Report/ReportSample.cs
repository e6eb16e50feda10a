using System.Text.Json.Nodes;
using SkillMix.Steps.Report;
using SkillMix.Core.Metrics;
using SkillMix.Core.Worlds;

namespace SkillMix.Steps.Tests.Report;

/// <summary>
/// A small hand-made report: two models, two settings with k = 2 and 3, three cells missing, one cell over a single
/// combination. Means and intervals have at most two decimals so that the expected text can be written by hand.
/// </summary>
internal static class ReportSample
{
    public static readonly DateTimeOffset Time = new(2026, 11, 24, 6, 30, 0, TimeSpan.FromHours(1));

    public static ReportInput Input(IReadOnlyList<string>? models = null, IReadOnlyList<CellResult>? cells = null,
        IReadOnlyList<ProvenanceEntry>? steps = null) => new(
        Experiment: "Tiny",
        World: "offline",
        WorldIdentity: "abc123",
        Seed: 10,
        Teacher: "offline-teacher",
        Grader: "offline-grader",
        Student: "tinygpt",
        ReportTime: Time,
        Models: models ?? ["base", "D12"],
        Evaluations:
        [
            new ReportEvaluation("train", Pool.Train, Pool.Train, [2, 3], Combinations: 4, Generations: 3, Gradings: 3),
            new ReportEvaluation("held-out", Pool.HeldOut, Pool.HeldOut, [2, 3], Combinations: 4, Generations: 3, Gradings: 3),
        ],
        Cells: cells ?? Cells(),
        TrainingSets: [new ReportTrainingSet("D1", 1, 8, 6), new ReportTrainingSet("D2", 2, 12, 5)],
        Steps: steps ?? Steps(),
        Machine: new ReportMachine("skillmix 0.1.0", "Linux 6.1", "x64", 2, ".NET 10.0.0"));

    /// <summary>Cells in a shuffled order: the writer must put them in table order itself.</summary>
    public static IReadOnlyList<CellResult> Cells() =>
    [
        Cell("D12", "held-out", 3, 4, M(0.25, 0.25, 0, 0.75), M(0.25, 0.25, 0, 0.75), M(0.58, 0.1, 0.42, 0.75)),
        Cell("base", "train", 2, 4, M(0.25, 0.25, 0, 0.75), M(0.5, 0.2886751345948129, 0, 1), M(0.6, 0.1, 0.4, 0.8)),
        Cell("D12", "train", 2, 4, M(0.75, 0.25, 0.25, 1), M(0.75, 0.25, 0.25, 1), M(0.9, 0.05, 0.8, 1)),
        Cell("base", "held-out", 3, 1, M(0, null, 0, 0), M(0, null, 0, 0), M(0.3333333333333333, null, 0.3333333333333333, 0.3333333333333333)),
        Cell("base", "train", 3, 4, M(0, 0, 0, 0), M(0.25, 0.25, 0, 0.75), M(0.5, 0.0962250448649376, 0.33, 0.67)),
        Cell("D12", "held-out", 2, 4, M(0.5, 0.28867513459481287, 0, 1), M(0.5, 0.28867513459481287, 0, 1), M(0.7, 0.12, 0.45, 0.95)),
    ];

    public static IReadOnlyList<ProvenanceEntry> Steps() =>
    [
        new("generate-D1", "generate", "k1", "1",
            new JsonObject { ["teacher"] = "offline-teacher", ["seed"] = 10, ["attempts"] = 8 },
            new JsonObject
            {
                ["wallSeconds"] = 2.5,
                ["model"] = "offline-teacher",
                ["usage"] = new JsonObject { ["calls"] = 16, ["inputTokens"] = 1000, ["outputTokens"] = 400, ["costUsd"] = 0.25, ["unpricedCalls"] = 0 },
            },
            Restored: true),
        new("train-D12", "train", "k2", "1",
            new JsonObject { ["steps"] = 10, ["dataSeed"] = 7, ["initSeed"] = 3 },
            new JsonObject { ["wallSeconds"] = 30.25 },
            Restored: false),
        new("grade-D12-held-out", "grade-samples", "k3", "1",
            new JsonObject { ["grader"] = "offline-grader" },
            new JsonObject
            {
                ["zeta"] = 1,
                ["wallSeconds"] = 1.5,
                ["grader"] = "offline-grader",
                ["usage"] = new JsonObject { ["calls"] = 36, ["inputTokens"] = 5000, ["outputTokens"] = 700, ["costUsd"] = 0.5, ["unpricedCalls"] = 2 },
            },
            Restored: false),
    ];

    public static CellResult Cell(string model, string setting, int k, int n, MetricEstimate fm, MetricEstimate all, MetricEstimate sf) =>
        new(new CellKey(model, "offline-grader", setting, k), n, n * 3, n * 9, fm, all, sf);

    public static MetricEstimate M(double mean, double? stdErr, double low, double high) => new(mean, stdErr, low, high);
}
