using SkillMix.Core.Sampling;

namespace SkillMix.Core.Metrics;

/// <summary>
/// Agreement between two graders beyond chance: Cohen's kappa, κ = (p_o − p_e) / (1 − p_e), where p_o is the share of
/// ratings on which they agree and p_e the share expected if each graded at random with its own label frequencies.
/// P1 compares a GPT-4 grader with a Claude grader; this says how far their points agree, per rubric point and overall.
/// </summary>
public static class CohenKappa
{
    /// <summary>Every skill point of the rubric, pooled (point i means a different skill in each combination).</summary>
    public const string SkillPoints = "skills";

    public const string TopicPoint = "topic";

    public const string SensePoint = "sense";

    public const string LengthPoint = "length";

    /// <summary>The resamples of the bootstrap unless told otherwise.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>A kappa with its 95% bootstrap interval (percentiles 2.5 and 97.5 of the resampled kappas).</summary>
    /// <param name="Kappa">NaN when undefined: both graders gave every rating the same single label (p_e = 1).</param>
    /// <param name="Lower">2.5th percentile of the bootstrap kappas (NaN if no resample defined one).</param>
    /// <param name="Upper">97.5th percentile of the bootstrap kappas.</param>
    /// <param name="ObservedAgreement">p_o, the share of ratings on which the graders agree.</param>
    /// <param name="Count">The ratings compared.</param>
    public sealed record Estimate(double Kappa, double Lower, double Upper, double ObservedAgreement, int Count);

    /// <summary>Agreement over every point, and per kind of rubric point (skills, topic, sense, length).</summary>
    public sealed record Agreement(Estimate Overall, IReadOnlyDictionary<string, Estimate> PerPoint);

    /// <summary>Kappa of two equally long lists of labels (any integers: 0/1 points, or scores).</summary>
    public static double Of(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"The graders rated different numbers of items ({a.Count} and {b.Count}).", nameof(b));
        }
        var pairs = new List<(int, int)>(a.Count);
        for (var i = 0; i < a.Count; i++)
        {
            pairs.Add((a[i], b[i]));
        }
        return FromPairs(pairs).Kappa;
    }

    /// <summary>
    /// Compares two graders' point vectors of the same generations (vector i of each grader is generation i, with k + 3
    /// points in the rubric's order). The interval resamples generations, keeping each generation's points together.
    /// </summary>
    public static Agreement Between(
        IReadOnlyList<IReadOnlyList<int>> graderA, IReadOnlyList<IReadOnlyList<int>> graderB, long seed, int resamples = DefaultResamples)
    {
        if (graderA.Count != graderB.Count)
        {
            throw new ArgumentException($"The graders graded different numbers of generations ({graderA.Count} and {graderB.Count}).", nameof(graderB));
        }
        for (var i = 0; i < graderA.Count; i++)
        {
            if (graderA[i].Count != graderB[i].Count || graderA[i].Count < 4)
            {
                throw new ArgumentException(
                    $"Generation {i}: the graders gave {graderA[i].Count} and {graderB[i].Count} points; both must give the same k + 3 (k >= 1).", nameof(graderB));
            }
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);

        var groups = new[] { SkillPoints, TopicPoint, SensePoint, LengthPoint };
        var items = Enumerable.Range(0, graderA.Count).ToArray();
        var point = Pool(graderA, graderB, items);
        var samples = groups.Append("").ToDictionary(g => g, _ => new List<double>(resamples));

        var random = SeededRandom.ForStream(seed, "cohen-kappa-bootstrap");
        var drawn = new int[items.Length];
        for (var r = 0; r < resamples && items.Length > 0; r++)
        {
            for (var i = 0; i < drawn.Length; i++)
            {
                drawn[i] = random.NextInt(items.Length);
            }
            foreach (var (group, pairs) in Pool(graderA, graderB, drawn))
            {
                var kappa = FromPairs(pairs).Kappa;
                if (!double.IsNaN(kappa))
                {
                    samples[group].Add(kappa);
                }
            }
        }

        Estimate EstimateOf(string group)
        {
            var (kappa, observed) = FromPairs(point[group]);
            var sorted = samples[group].Order().ToArray();
            return sorted.Length == 0
                ? new Estimate(kappa, double.NaN, double.NaN, observed, point[group].Count)
                : new Estimate(kappa, Bootstrap.Percentile(sorted, 0.025), Bootstrap.Percentile(sorted, 0.975), observed, point[group].Count);
        }

        return new Agreement(EstimateOf(""), groups.ToDictionary(g => g, EstimateOf));
    }

    /// <summary>The rating pairs of the given generations, by rubric group; the group "" holds every pair.</summary>
    private static Dictionary<string, List<(int A, int B)>> Pool(
        IReadOnlyList<IReadOnlyList<int>> graderA, IReadOnlyList<IReadOnlyList<int>> graderB, IEnumerable<int> items)
    {
        var pools = new Dictionary<string, List<(int, int)>>
        {
            [""] = [], [SkillPoints] = [], [TopicPoint] = [], [SensePoint] = [], [LengthPoint] = [],
        };
        foreach (var i in items)
        {
            var a = graderA[i];
            var b = graderB[i];
            var k = a.Count - 3;
            for (var j = 0; j < a.Count; j++)
            {
                var group = j < k ? SkillPoints : (j - k) switch { 0 => TopicPoint, 1 => SensePoint, _ => LengthPoint };
                pools[group].Add((a[j], b[j]));
                pools[""].Add((a[j], b[j]));
            }
        }
        return pools;
    }

    private static (double Kappa, double Observed) FromPairs(IReadOnlyList<(int A, int B)> pairs)
    {
        if (pairs.Count == 0)
        {
            return (double.NaN, double.NaN);
        }
        var n = (double)pairs.Count;
        var agree = 0;
        var countsA = new Dictionary<int, int>();
        var countsB = new Dictionary<int, int>();
        foreach (var (a, b) in pairs)
        {
            agree += a == b ? 1 : 0;
            countsA[a] = countsA.GetValueOrDefault(a) + 1;
            countsB[b] = countsB.GetValueOrDefault(b) + 1;
        }
        var observed = agree / n;
        var expected = countsA.Sum(c => c.Value / n * (countsB.GetValueOrDefault(c.Key) / n));
        // p_e = 1 only when both graders used one and the same label throughout: agreement then says nothing.
        var kappa = expected >= 1 ? double.NaN : (observed - expected) / (1 - expected);
        return (kappa, observed);
    }
}
