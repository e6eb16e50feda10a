namespace SkillMix.Core.Metrics;

/// <summary>
/// The Aggregate step: per generation, the majority vote of its gradings and the FM, AS and SF of the voted points; per
/// combination, the best generation (metric by metric); per cell, the mean over combinations with its standard error and a
/// bootstrap 95% interval.
/// </summary>
public static class Aggregator
{
    public static IReadOnlyList<CellResult> Aggregate(IEnumerable<GradingEvidence> evidence, AggregateOptions options)
    {
        var generations = new List<GradedGeneration>();
        var seen = new Dictionary<(CellKey, string, int, int), GradingEvidence>();
        foreach (var group in evidence.GroupBy(e => (e.Cell, e.Combination, e.Generation)))
        {
            var gradings = new List<IReadOnlyList<double>>();
            foreach (var e in group.OrderBy(e => e.GradingRepeat))
            {
                if (!seen.TryAdd((e.Cell, e.Combination, e.Generation, e.GradingRepeat), e))
                {
                    var first = seen[(e.Cell, e.Combination, e.Generation, e.GradingRepeat)];
                    throw new SkillMixDataException(e.File, e.Line,
                        $"grading {e.GradingRepeat} of generation {e.Generation} of combination {e.Combination} ({e.Cell.Model}, k = {e.Cell.K}) "
                        + $"was already read from {first.File} line {first.Line}; remove the duplicate records.");
                }
                gradings.Add(e.FinalPoints(options));
            }
            generations.Add(new GradedGeneration(group.Key.Cell, group.Key.Combination, group.Key.Generation, gradings));
        }
        return Aggregate(generations, options.Resamples, options.Seed);
    }

    public static IReadOnlyList<CellResult> Aggregate(IEnumerable<GradedGeneration> generations, int resamples, long seed)
    {
        var results = new List<CellResult>();
        foreach (var cell in generations.GroupBy(g => g.Cell).OrderBy(g => g.Key))
        {
            var best = cell
                .GroupBy(g => g.Combination, StringComparer.Ordinal)
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => GenerationScore.Max(c.Select(g => GenerationScore.Of(MajorityVote.Vote(g.Gradings), cell.Key.K))))
                .ToList();
            results.Add(new CellResult(
                cell.Key,
                best.Count,
                cell.Count(),
                cell.Sum(g => g.Gradings.Count),
                MetricEstimate.Of(best.Select(s => s.FullMarks).ToList(), resamples, seed),
                MetricEstimate.Of(best.Select(s => s.AllSkills).ToList(), resamples, seed),
                MetricEstimate.Of(best.Select(s => s.SkillsFraction).ToList(), resamples, seed)));
        }
        return results;
    }
}
