using SkillMix.Core.Metrics;
using SkillMix.Core.Records;

namespace SkillMix.Steps.Report;

/// <summary>
/// How far two graders agree on the same generations (P1 compares GPT-4 with Claude): Cohen's kappa over every point
/// and per kind of rubric point, with a bootstrap interval over generations. Each grader's points of a generation are
/// its final points (length point counted, not graded) after the majority vote over its R gradings, as the metrics use them.
/// </summary>
/// <param name="FirstGrader">The grader's exact model id.</param>
/// <param name="SecondGrader">The second grader's exact model id.</param>
/// <param name="Generations">The generations both graded.</param>
/// <param name="Agreement">Kappa overall and per point.</param>
internal sealed record GraderAgreement(string FirstGrader, string SecondGrader, int Generations, CohenKappa.Agreement Agreement)
{
    /// <summary>The rows of the agreement table: every point, then each kind of rubric point.</summary>
    public static IReadOnlyList<string> Rows { get; } =
        ["all", CohenKappa.SkillPoints, CohenKappa.TopicPoint, CohenKappa.SensePoint, CohenKappa.LengthPoint];

    public CohenKappa.Estimate Row(string row) => row == "all" ? Agreement.Overall : Agreement.PerPoint[row];

    /// <summary>
    /// Pairs the generations of each (first, second) pair of grading folders and compares the voted points. Both graders
    /// must have graded the same generations; a generation graded by one only means the folders do not belong together.
    /// </summary>
    public static GraderAgreement Compute(IReadOnlyList<(string First, string Second)> folders, long seed)
    {
        var first = new List<IReadOnlyList<int>>();
        var second = new List<IReadOnlyList<int>>();
        var graders = (First: new SortedSet<string>(StringComparer.Ordinal), Second: new SortedSet<string>(StringComparer.Ordinal));
        foreach (var (a, b) in folders)
        {
            var votesA = Votes(a, graders.First);
            var votesB = Votes(b, graders.Second);
            var unmatched = votesA.Keys.Except(votesB.Keys).Concat(votesB.Keys.Except(votesA.Keys)).FirstOrDefault();
            if (unmatched is not null)
            {
                throw new InvalidDataException(
                    $"the gradings in {a} and {b} are not of the same generations ({unmatched} is graded in one only); build the experiment again.");
            }
            foreach (var key in votesA.Keys.Order(StringComparer.Ordinal))
            {
                first.Add(votesA[key]);
                second.Add(votesB[key]);
            }
        }
        return new GraderAgreement(string.Join(", ", graders.First), string.Join(", ", graders.Second), first.Count,
            CohenKappa.Between(first, second, seed));
    }

    // One grader's voted final points per generation, keyed by what names the generation in either grader's records.
    private static Dictionary<string, IReadOnlyList<int>> Votes(string folder, ISet<string> graders)
    {
        var evidence = GradedRecordLoader.Load(folder).Evidence;
        var options = new AggregateOptions();
        return evidence
            .GroupBy(e => $"{e.Cell.Model}/{e.Cell.Setting}/k{e.Cell.K}/{e.Combination}/g{e.Generation}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                foreach (var e in g)
                {
                    graders.Add(e.Cell.Grader);
                }
                var vote = MajorityVote.Vote(g.OrderBy(e => e.GradingRepeat).Select(e => e.FinalPoints(options)).ToList());
                return (IReadOnlyList<int>)vote.Select(p => (int)p).ToList();
            }, StringComparer.Ordinal);
    }
}
