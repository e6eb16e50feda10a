using SkillMix.Core.Metrics;

namespace SkillMix.Core.Tests.Metrics;

public sealed class MajorityVoteTests
{
    [Fact]
    public void Three_gradings_vote_by_majority()
    {
        Assert.Equal([1.0, 0, 1], MajorityVote.Vote([[1, 0, 1], [1, 1, 0], [0, 0, 1]]));
    }

    [Fact]
    public void A_tie_of_two_rounds_half_to_even()
    {
        // rint(0.5) = 0 and rint(1.5) = 2 in numpy: ties go to the even neighbour.
        Assert.Equal([0.0, 2, 1], MajorityVote.Vote([[1, 1, 1], [0, 2, 1]]));
    }

    [Fact]
    public void A_single_grading_is_its_own_vote()
    {
        Assert.Equal([1.0, 0], MajorityVote.Vote([[1, 0]]));
    }

    [Fact]
    public void Gradings_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MajorityVote.Vote([[1, 0], [1]]));
        Assert.Throws<ArgumentException>(() => MajorityVote.Vote([]));
    }
}
