using SkillMix.Core.Metrics;

namespace SkillMix.Core.Tests.Metrics;

public sealed class CohenKappaTests
{
    /// <summary>A 2 x 2 table as two label lists: both 1, A 1 and B 0, A 0 and B 1, both 0.</summary>
    private static (int[] A, int[] B) Table(int yesYes, int yesNo, int noYes, int noNo)
    {
        var a = new List<int>();
        var b = new List<int>();
        void Add(int count, int x, int y)
        {
            a.AddRange(Enumerable.Repeat(x, count));
            b.AddRange(Enumerable.Repeat(y, count));
        }
        Add(yesYes, 1, 1);
        Add(yesNo, 1, 0);
        Add(noYes, 0, 1);
        Add(noNo, 0, 0);
        return (a.ToArray(), b.ToArray());
    }

    [Fact]
    public void A_two_by_two_table_matches_the_hand_computed_kappa()
    {
        // N = 50, p_o = (20 + 15) / 50 = 0.7; A says 1 for 25/50, B for 30/50:
        // p_e = 0.5 x 0.6 + 0.5 x 0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
        var (a, b) = Table(20, 5, 10, 15);

        Assert.Equal(0.4, CohenKappa.Of(a, b), 12);
    }

    [Fact]
    public void Three_labels_match_the_hand_computed_kappa()
    {
        // Agreement on 4 of 6; A's labels 2/2/2, B's 2/3/1: p_e = (2x2 + 2x3 + 2x1) / 36 = 1/3;
        // kappa = (2/3 - 1/3) / (2/3) = 0.5.
        Assert.Equal(0.5, CohenKappa.Of([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0]), 12);
    }

    [Fact]
    public void Perfect_agreement_is_one_perfect_disagreement_minus_one_and_a_constant_pair_undefined()
    {
        Assert.Equal(1.0, CohenKappa.Of([1, 0, 1, 0], [1, 0, 1, 0]), 12);
        Assert.Equal(-1.0, CohenKappa.Of([0, 1, 0, 1], [1, 0, 1, 0]), 12);
        Assert.True(double.IsNaN(CohenKappa.Of([1, 1, 1], [1, 1, 1])));
    }

    [Fact]
    public void Points_are_grouped_by_their_place_in_the_rubric_across_different_k()
    {
        // Generation 1, k = 2: A = 1 1 1 1 1, B = 1 0 1 1 1. Generation 2, k = 1: A = 0 1 0 1, B = 0 1 1 1.
        IReadOnlyList<int>[] a = [[1, 1, 1, 1, 1], [0, 1, 0, 1]];
        IReadOnlyList<int>[] b = [[1, 0, 1, 1, 1], [0, 1, 1, 1]];

        var agreement = CohenKappa.Between(a, b, seed: 1, resamples: 200);

        // Skills: pairs (1,1) (1,0) (0,0): p_o = 2/3, p_e = 2/3 x 1/3 + 1/3 x 2/3 = 4/9, kappa = (2/9) / (5/9) = 0.4.
        Assert.Equal(0.4, agreement.PerPoint[CohenKappa.SkillPoints].Kappa, 12);
        Assert.Equal(3, agreement.PerPoint[CohenKappa.SkillPoints].Count);
        // Topic: (1,1) (1,1): one label throughout, undefined.
        Assert.True(double.IsNaN(agreement.PerPoint[CohenKappa.TopicPoint].Kappa));
        // Sense: (1,1) (0,1): p_o = 1/2, p_e = 1/2 x 1 + 1/2 x 0 = 1/2, kappa = 0.
        Assert.Equal(0.0, agreement.PerPoint[CohenKappa.SensePoint].Kappa, 12);
        // Overall, 9 pairs: p_o = 7/9; each grader gave seven 1s and two 0s: p_e = 49/81 + 4/81 = 53/81;
        // kappa = (63/81 - 53/81) / (28/81) = 10/28.
        Assert.Equal(10.0 / 28.0, agreement.Overall.Kappa, 12);
        Assert.Equal(7.0 / 9.0, agreement.Overall.ObservedAgreement, 12);
    }

    [Fact]
    public void The_bootstrap_interval_is_close_to_the_normal_approximation()
    {
        // Large-sample standard error of kappa: sqrt(p_o (1 - p_o) / (N (1 - p_e)^2)) = sqrt(0.21 / 12.5) = 0.1296,
        // so roughly 0.4 +- 1.96 x 0.1296 = [0.146, 0.654] for the 50-rating table above.
        var (a, b) = Table(20, 5, 10, 15);
        var generations = a.Select((x, i) => (IReadOnlyList<int>)[x, 1, 1, 1]).ToArray();
        var other = b.Select((y, i) => (IReadOnlyList<int>)[y, 1, 1, 1]).ToArray();

        var skills = CohenKappa.Between(generations, other, seed: 7).PerPoint[CohenKappa.SkillPoints];

        Assert.Equal(0.4, skills.Kappa, 12);
        Assert.InRange(skills.Lower, 0.146 - 0.07, 0.146 + 0.07);
        Assert.InRange(skills.Upper, 0.654 - 0.07, 0.654 + 0.07);
    }

    [Fact]
    public void The_bootstrap_is_fixed_by_its_seed()
    {
        var (a, b) = Table(20, 5, 10, 15);
        var generations = a.Select(x => (IReadOnlyList<int>)[x, 1, 0, 1]).ToArray();
        var other = b.Select(y => (IReadOnlyList<int>)[y, 1, 0, 1]).ToArray();

        var first = CohenKappa.Between(generations, other, seed: 3, resamples: 500).Overall;
        var again = CohenKappa.Between(generations, other, seed: 3, resamples: 500).Overall;
        var otherSeed = CohenKappa.Between(generations, other, seed: 4, resamples: 500).Overall;

        Assert.Equal(first, again);
        Assert.NotEqual((first.Lower, first.Upper), (otherSeed.Lower, otherSeed.Upper));
    }

    [Fact]
    public void Vectors_of_different_lengths_are_refused_with_the_generation_named()
    {
        IReadOnlyList<int>[] a = [[1, 1, 1, 1], [1, 1, 1, 1, 1]];
        IReadOnlyList<int>[] b = [[1, 1, 1, 1], [1, 1, 1, 1]];

        var error = Assert.Throws<ArgumentException>(() => CohenKappa.Between(a, b, seed: 1));

        Assert.Contains("Generation 1", error.Message, StringComparison.Ordinal);
    }
}
