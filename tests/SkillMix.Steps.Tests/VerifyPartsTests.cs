using SkillMix.Steps.Verify;
using SkillMix.Core.Metrics;
using SkillMix.Store;

namespace SkillMix.Steps.Tests;

public sealed class VerifyPartsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skillmix-verify-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_sample_is_the_same_for_the_same_seed_and_near_the_asked_fraction()
    {
        var keys = Enumerable.Range(0, 2000).Select(i => ContentHash.Of($"step {i}")).ToList();
        var a = new VerifySelection(0.25, "7", new HashSet<string>());
        var b = new VerifySelection(0.25, "7", new HashSet<string>());
        var other = new VerifySelection(0.25, "8", new HashSet<string>());
        var picked = keys.Where(k => a.Selects("grade", k)).ToList();
        Assert.Equal(picked, keys.Where(k => b.Selects("grade", k)));
        Assert.NotEqual(picked, keys.Where(k => other.Selects("grade", k)));
        // 2000 draws at p = 0.25: mean 500, standard deviation about 19; 400..600 is over five deviations wide.
        Assert.InRange(picked.Count, 400, 600);
        Assert.DoesNotContain(keys, k => new VerifySelection(0, "7", new HashSet<string>()).Selects("grade", k));
        Assert.All(keys, k => Assert.True(new VerifySelection(0, "7", new HashSet<string> { "train" }).Selects("train", k)));
    }

    [Fact]
    public void A_metric_outside_the_tolerance_names_the_cell_expected_and_got()
    {
        var cell = new CellKey("D12", "offline-grader-1", "held-out", 3);
        var expected = new CellResult(cell, 4, 4, 4, Estimate(0.25), Estimate(0.5), Estimate(0.75));
        var within = expected with { FullMarks = Estimate(0.25 + 1e-12) };
        var outside = expected with { AllSkills = Estimate(0.625) };
        Assert.Empty(MetricComparison.Compare([expected], [within], 1e-9));
        // The mean and both interval bounds moved by 0.125 (0.5 +- 0.2 became 0.625 +- 0.2): three differences.
        var differences = MetricComparison.Compare([expected], [outside], 1e-9);
        Assert.Equal(3, differences.Count);
        Assert.All(differences, d => Assert.StartsWith("cell D12 / held-out / k=3", d));
        Assert.Contains("as.mean: expected 0.5, got 0.625", differences[0]);
        Assert.Contains("as.ciLow: expected 0.3, got 0.425", differences[1]);
        Assert.Contains("as.ciHigh: expected 0.7, got 0.825", differences[2]);
    }

    [Fact]
    public void Missing_and_extra_cells_and_changed_counts_are_differences()
    {
        var a = new CellResult(new CellKey("base", "g", "train", 2), 4, 4, 4, Estimate(0), Estimate(0), Estimate(0));
        var b = a with { Cell = a.Cell with { K = 3 } };
        var differences = MetricComparison.Compare([a], [b, a with { Combinations = 5 }], 0);
        Assert.Contains(differences, d => d.Contains("k=2") && d.Contains("combinations: expected 4, got 5"));
        Assert.Contains(differences, d => d.Contains("k=3") && d.Contains("not expected"));
    }

    [Fact]
    public void A_recomputed_file_that_differs_is_named_with_its_first_different_line()
    {
        var store = StepStore.Open(Path.Combine(_root, "store"));
        var used = Path.Combine(_root, "used");
        Directory.CreateDirectory(used);
        File.WriteAllText(Path.Combine(used, "texts.jsonl"), "{\"a\":1}\n{\"a\":2}\n");
        File.WriteAllText(Path.Combine(used, "same.txt"), "same\n");
        var manifest = store.Save(new StepDefinition("generate", "1"), used);
        var again = Path.Combine(_root, "again");
        Directory.CreateDirectory(again);
        File.WriteAllText(Path.Combine(again, "texts.jsonl"), "{\"a\":1}\n{\"a\":3}\n");
        File.WriteAllText(Path.Combine(again, "same.txt"), "same\n");
        File.WriteAllText(Path.Combine(again, "extra.txt"), "new\n");

        var differences = OutputComparison.Compare(manifest, used, again, _ => false);
        Assert.Equal(2, differences.Count);
        Assert.Contains("'texts.jsonl' differs", differences[0]);
        Assert.Contains("first difference at line 2", differences[0]);
        Assert.Contains("{\"a\":3}", differences[0]);
        Assert.Contains("'extra.txt' was written by the recomputed step but is not stored", differences[1]);
        Assert.Empty(OutputComparison.Compare(manifest, used, used, _ => false));
    }

    private static MetricEstimate Estimate(double mean) => new(mean, 0.1, Math.Max(0, mean - 0.2), Math.Min(1, mean + 0.2));
}
