namespace SkillMix.Core.Metrics;

/// <summary>
/// Combines the R gradings of one text point by point: the rounded mean, rounded like numpy's rint (half to even), so with
/// two gradings a 1 and a 0 give 0, as in Skill-Mix's own aggregation.
/// </summary>
public static class MajorityVote
{
    public static IReadOnlyList<double> Vote(IReadOnlyList<IReadOnlyList<double>> gradings)
    {
        if (gradings.Count == 0)
        {
            throw new ArgumentException("A vote needs at least one grading.", nameof(gradings));
        }
        var length = gradings[0].Count;
        if (gradings.Any(g => g.Count != length))
        {
            throw new ArgumentException(
                $"The gradings of one text have different lengths ({string.Join(", ", gradings.Select(g => g.Count))}); fit them to k + 3 first.",
                nameof(gradings));
        }
        var voted = new double[length];
        for (var i = 0; i < length; i++)
        {
            var sum = 0.0;
            foreach (var grading in gradings)
            {
                sum += grading[i];
            }
            voted[i] = Math.Round(sum / gradings.Count, MidpointRounding.ToEven);
        }
        return voted;
    }
}
