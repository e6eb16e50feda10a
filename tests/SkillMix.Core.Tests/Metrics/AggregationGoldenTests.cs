using SkillMix.Core.Metrics;
using SkillMix.Core.Records;
using SkillMix.Core.Tests.Support;

namespace SkillMix.Core.Tests.Metrics;

/// <summary>
/// The Aggregate step on hand-made record files whose metrics were worked out by hand. Points are in rubric order:
/// skill 1, skill 2, (skill 3,) topic, sense, length. "lp" is the counted length point that overwrites the last point.
/// </summary>
public sealed class AggregationGoldenTests
{
    private static string Jsonl => Path.Combine(AppContext.BaseDirectory, "Fixtures", "jsonl");

    private static CellResult Cell(IReadOnlyList<CellResult> cells, string setting, int k) =>
        Assert.Single(cells, c => c.Cell.Setting == setting && c.Cell.K == k);

    // Fixtures/jsonl/gradings.jsonl, cell (student-a, grader-x, held-out, k = 2), 3 gradings per generation:
    //   combination 0, generation 1: [1,0,1,1,1] [1,0,1,1,1] [1,1,1,1,1], lp 1 -> means [1, 1/3, 1, 1, 1] -> vote [1,0,1,1,1]
    //                                -> FM 0, AS 0 (one skill), SF 1/2 (others all earned)
    //                  generation 2: [1,1,1,0,1] [1,1,0,0,1] [1,1,1,1,1], lp 1 -> means [1, 1, 2/3, 1/3, 1] -> vote [1,1,1,0,1]
    //                                -> FM 0, AS 1 (both skills, 2 of 3 others), SF 0
    //                  best: FM 0, AS 1, SF 1/2
    //   combination 1, generation 1: [1,1,1,1,0] x3, lp 0 -> [1,1,1,1,0] -> FM 0, AS 1, SF 0
    //                  generation 2: [1,1,1,1,0] x3, lp 1 -> the grader's 0 is overwritten -> [1,1,1,1,1] -> FM 1, AS 1, SF 1
    //                  best: FM 1, AS 1, SF 1
    //   combination 2, generation 1: stored points all 0, lp 1 -> [0,0,0,0,1] -> FM 0, AS 0, SF 0
    // Means over the 3 combinations: FM (0+1+0)/3 = 1/3, AS (1+1+0)/3 = 2/3, SF (0.5+1+0)/3 = 1/2.
    // Standard errors: FM and AS deviate by (1/3, 2/3, 1/3) -> variance (1/9+4/9+1/9)/2 = 1/3 -> sqrt(1/3)/sqrt(3) = 1/3;
    //   SF deviates by (0, 1/2, 1/2) -> variance (1/4+1/4)/2 = 1/4 -> (1/2)/sqrt(3) = 0.288675.
    // Cell (train, k = 3): one combination, [1,1,1,1,1,1], lp 1 -> FM 1, AS 1, SF 1, no standard error.
    [Fact]
    public void Jsonl_records_aggregate_to_the_hand_computed_metrics()
    {
        var loaded = GradedRecordLoader.Load(Jsonl);
        var cells = Aggregator.Aggregate(loaded.Evidence, new AggregateOptions());
        Assert.Equal(2, cells.Count);

        var held = Cell(cells, "held-out", 2);
        Assert.Equal(new CellKey("student-a", "grader-x", "held-out", 2), held.Cell);
        Assert.Equal((3, 5, 15), (held.Combinations, held.Generations, held.Gradings));
        Assert.Equal(1.0 / 3, held.FullMarks.Mean, 12);
        Assert.Equal(2.0 / 3, held.AllSkills.Mean, 12);
        Assert.Equal(0.5, held.SkillsFraction.Mean, 12);
        Assert.Equal(1.0 / 3, held.FullMarks.StdErr!.Value, 12);
        Assert.Equal(1.0 / 3, held.AllSkills.StdErr!.Value, 12);
        Assert.Equal(0.5 / Math.Sqrt(3), held.SkillsFraction.StdErr!.Value, 12);

        var train = Cell(cells, "train", 3);
        Assert.Equal((1.0, 1.0, 1.0), (train.FullMarks.Mean, train.AllSkills.Mean, train.SkillsFraction.Mean));
        Assert.Null(train.FullMarks.StdErr);
        Assert.Equal((1.0, 1.0), (train.FullMarks.CiLow, train.FullMarks.CiHigh));
    }

    // With the name filter, combination 1's second text names "modus ponens" (skill 2): [1,0,1,1,1] -> FM 0, AS 0, SF 1/2;
    // its best becomes FM 0, AS 1 (generation 1), SF 1/2. No other text names its skills.
    // Means: FM 0, AS (1+1+0)/3 = 2/3, SF (0.5+0.5+0)/3 = 1/3.
    [Fact]
    public void The_name_filter_withdraws_points_of_named_skills()
    {
        var cells = Aggregator.Aggregate(GradedRecordLoader.Load(Jsonl).Evidence, new AggregateOptions(NameFilter: true));
        var held = Cell(cells, "held-out", 2);
        Assert.Equal(0, held.FullMarks.Mean, 12);
        Assert.Equal(2.0 / 3, held.AllSkills.Mean, 12);
        Assert.Equal(1.0 / 3, held.SkillsFraction.Mean, 12);
    }

    // Re-parsing reads combination 2's replies: two full tables and one cut off before its rows:
    // [1,1,1,1,1] [1,1,1,1,1] [0,0,0,0,0 -> lp 1] -> means [2/3, 2/3, 2/3, 2/3, 1] -> vote all 1 -> FM 1, AS 1, SF 1.
    // The other replies say what their stored points say. Means: FM 2/3, AS 1, SF (0.5+1+1)/3 = 5/6.
    [Fact]
    public void Reparsing_reads_the_points_from_the_raw_replies()
    {
        var cells = Aggregator.Aggregate(GradedRecordLoader.Load(Jsonl).Evidence, new AggregateOptions(Reparse: true));
        var held = Cell(cells, "held-out", 2);
        Assert.Equal(2.0 / 3, held.FullMarks.Mean, 12);
        Assert.Equal(1, held.AllSkills.Mean, 12);
        Assert.Equal(5.0 / 6, held.SkillsFraction.Mean, 12);
    }

    // Fixtures/p2: k2_s1_v1 has generation rounds r1 (3 rows) and r2 (2 rows, an interrupted run), each graded twice
    // (by_gpt-4_on_text_1_{1,2}_v1). Only rows 0 and 1 are in every round. Two gradings: ties round to even (0.5 -> 0).
    //   row 0, r1: points_0 [1,1,1,1,0] lim 1 -> [1,1,1,1,1];  [1,0,1,1,1] lim 1 -> [1,0,1,1,1]
    //              vote [1, 0.5->0, 1, 1, 1] -> FM 0, AS 0, SF 1/2
    //          r2: [1,1,1,0,1] lim 0 -> [1,1,1,0,0];  "" (no points) lim 0 -> [0,0,0,0,0]
    //              vote [0.5,0.5,0.5,0,0] -> all 0 -> FM 0, AS 0, SF 0;    best: FM 0, AS 0, SF 1/2
    //   row 1, r1: [1,1,1,0,1] lim 1 and [1,1,1,0,0] lim 1 -> both [1,1,1,0,1] -> FM 0, AS 1, SF 0
    //          r2: six values truncated to [1,1,1,1,1]; four values padded to [1,1,1,1,0] then lim 1 -> [1,1,1,1,1]
    //              -> FM 1, AS 1, SF 1;                                   best: FM 1, AS 1, SF 1
    //   Means over 2 combinations: FM 1/2, AS 1/2, SF 3/4; standard errors: FM and AS sqrt(1/2)/sqrt(2) = 1/2,
    //   SF sqrt(((1/4)^2 * 2)/1)/sqrt(2) = 1/4. Bootstrap: means of {0,1} resampled are 0, 1/2, 1 w.p. 1/4, 1/2, 1/4,
    //   so the 95% interval is [0, 1]; of {1/2, 1}: [1/2, 1].
    //   k3_s1_v1: one row [1,1,1,1,1,1] lim 0 -> [1,1,1,1,1,0] -> FM 0, AS 1 (3 skills, 2 of 3 others), SF 0.
    [Fact]
    public void Skill_mix_runs_aggregate_to_the_hand_computed_metrics()
    {
        var loaded = GradedRecordLoader.Load(Fixtures.P2Runs);
        var cells = Aggregator.Aggregate(loaded.Evidence, new AggregateOptions());
        Assert.Equal(2, cells.Count);

        var k2 = Assert.Single(cells, c => c.Cell.K == 2);
        Assert.Equal(("llama", "gpt-4"), (k2.Cell.Model, k2.Cell.Grader));
        Assert.Equal((2, 4, 8), (k2.Combinations, k2.Generations, k2.Gradings));
        Assert.Equal((0.5, 0.5, 0.75), (k2.FullMarks.Mean, k2.AllSkills.Mean, k2.SkillsFraction.Mean));
        Assert.Equal(0.5, k2.FullMarks.StdErr!.Value, 12);
        Assert.Equal(0.5, k2.AllSkills.StdErr!.Value, 12);
        Assert.Equal(0.25, k2.SkillsFraction.StdErr!.Value, 12);
        Assert.Equal((0.0, 1.0), (k2.FullMarks.CiLow, k2.FullMarks.CiHigh));
        Assert.Equal((0.5, 1.0), (k2.SkillsFraction.CiLow, k2.SkillsFraction.CiHigh));

        var k3 = Assert.Single(cells, c => c.Cell.K == 3);
        Assert.Equal((0.0, 1.0, 0.0), (k3.FullMarks.Mean, k3.AllSkills.Mean, k3.SkillsFraction.Mean));

        Assert.Contains(loaded.Notes, n => n.Contains("2 of 3 combinations present in every round", StringComparison.Ordinal));
    }

    // The name filter reads the texts from each run's generation records.csv (column text_1). Row 1's r2 text names
    // "modus ponens" (skill 2): [1,0,1,1,1] in both gradings -> FM 0, AS 0, SF 1/2; row 1's best becomes FM 0, AS 1, SF 1/2.
    // Means: FM 0, AS (0+1)/2 = 1/2, SF (1/2+1/2)/2 = 1/2.
    [Fact]
    public void The_name_filter_reads_the_texts_of_skill_mix_runs()
    {
        var cells = Aggregator.Aggregate(GradedRecordLoader.Load(Fixtures.P2Runs).Evidence, new AggregateOptions(NameFilter: true));
        var k2 = Assert.Single(cells, c => c.Cell.K == 2);
        Assert.Equal((0.0, 0.5, 0.5), (k2.FullMarks.Mean, k2.AllSkills.Mean, k2.SkillsFraction.Mean));
    }

    [Fact]
    public void Reparsing_skill_mix_replies_agrees_with_their_stored_points()
    {
        // The fixture's replies are the tables its points_0 were read from, so re-parsing changes nothing.
        var stored = Aggregator.Aggregate(GradedRecordLoader.Load(Fixtures.P2Runs).Evidence, new AggregateOptions());
        var reparsed = Aggregator.Aggregate(GradedRecordLoader.Load(Fixtures.P2Runs).Evidence, new AggregateOptions(Reparse: true));
        Assert.Equal(stored, reparsed);
    }
}
