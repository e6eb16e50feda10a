using SkillMix.Core.Grading;

namespace SkillMix.Core.Tests.Grading;

public sealed class GradeReplyParserTests
{
    private const string Header = "Here's the grading table:\n| Criteria | Points Earned |\n|---|---|\n";

    private static ParsedGrade Parse(string reply, int k = 2) => GradeReplyParser.Parse(reply, k);

    [Fact]
    public void Reads_the_points_of_a_well_formed_table_in_order()
    {
        var reply = Header + "| Correctly illustrates metaphor | 1 |\n| Correctly illustrates red herring | 0 |\n"
            + "| Pertains to Sewing | 1 |\n| Text makes sense | 1 |\n| At most 1 sentence | 0 |\n| Total Points Earned | 3 |\n\n"
            + "Explanation: the second skill is missing.";
        var parsed = Parse(reply);
        Assert.Equal(GradeReplyFormat.Table, parsed.Format);
        Assert.Equal([1.0, 0, 1, 1, 0], parsed.Points);
        Assert.Equal(3, parsed.Total);
        Assert.Equal(5, parsed.RawPointCount);
    }

    [Fact]
    public void The_table_written_by_GradeTable_parses_back()
    {
        var reply = GradeTable.Format(["a", "b", "c", "d", "e", "f"], [1, 0, 1, 1, 0, 1], "Because.");
        Assert.Equal([1.0, 0, 1, 1, 0, 1], Parse(reply, 3).Points);
    }

    [Fact]
    public void A_reply_without_a_table_earns_nothing()
    {
        var parsed = Parse("I am sorry, I cannot grade this text.");
        Assert.Equal(GradeReplyFormat.None, parsed.Format);
        Assert.Equal([0.0, 0, 0, 0, 0], parsed.Points);
    }

    [Fact]
    public void A_reply_cut_off_before_its_rows_earns_nothing()
    {
        var parsed = Parse("Here's the grading table:\n| Criteria | Points Earned |\n|--");
        Assert.Equal(GradeReplyFormat.Table, parsed.Format);
        Assert.Equal(0, parsed.RawPointCount);
        Assert.All(parsed.Points, p => Assert.Equal(0, p));
    }

    [Fact]
    public void Fractions_count_their_numerator()
    {
        var parsed = Parse(Header + "| skill a | 1/1 |\n| skill b | 0/1 |\n| topic | 1 / 1 |\n| sense | 1/1 |\n| length | 1/1 |\n");
        Assert.Equal([1.0, 0, 1, 1, 1], parsed.Points);
    }

    [Fact]
    public void A_total_row_in_the_middle_is_not_a_point()
    {
        var parsed = Parse(Header + "| skill a | 1 |\n| Total | 2 |\n| skill b | 1 |\n| topic | 0 |\n| sense | 1 |\n| length | 1 |\n");
        Assert.Equal([1.0, 1, 0, 1, 1], parsed.Points);
        Assert.Equal(2, parsed.Total);
    }

    [Fact]
    public void Too_many_rows_are_truncated_and_too_few_padded_with_zero()
    {
        var many = Parse(Header + string.Concat(Enumerable.Range(1, 8).Select(i => $"| row {i} | 1 |\n")));
        Assert.Equal([1.0, 1, 1, 1, 1], many.Points);
        Assert.Equal(8, many.RawPointCount);
        var few = Parse(Header + "| row 1 | 1 |\n| row 2 | 1 |\n");
        Assert.Equal([1.0, 1, 0, 0, 0], few.Points);
    }

    [Fact]
    public void Windows_line_endings_change_nothing()
    {
        var reply = (Header + "| a | 1 |\n| b | 0 |\n| c | 1 |\n| d | 1 |\n| e | 1 |\n| Total Points Earned | 4 |\n\nExplanation: x")
            .Replace("\n", "\r\n", StringComparison.Ordinal);
        Assert.Equal([1.0, 0, 1, 1, 1], Parse(reply).Points);
    }

    [Fact]
    public void Markdown_bold_in_cells_is_cleaned_away()
    {
        var parsed = Parse(Header + "| **Correctly illustrates metaphor** | **1** |\n| b | *0* |\n| c | __1__ |\n| d | 1 |\n| e | 1 |\n"
            + "| **Total Points Earned** | **4** |\n");
        Assert.Equal([1.0, 0, 1, 1, 1], parsed.Points);
        Assert.Equal(4, parsed.Total);
    }

    [Fact]
    public void Without_Explanation_the_table_runs_to_the_end()
    {
        Assert.Equal([1.0, 1, 1, 1, 1], Parse(Header + "| a | 1 |\n| b | 1 |\n| c | 1 |\n| d | 1 |\n| e | 1 |").Points);
    }

    [Fact]
    public void Rows_after_Explanation_are_not_read()
    {
        var parsed = Parse(Header + "| a | 1 |\n| b | 1 |\nExplanation: a table follows.\n| c | 1 |\n| d | 1 |\n| e | 1 |\n");
        Assert.Equal([1.0, 1, 0, 0, 0], parsed.Points);
    }

    [Fact]
    public void A_number_with_a_trailing_period_is_read()
    {
        Assert.Equal([1.0, 0, 1, 1, 1], Parse(Header + "| a | 1. |\n| b | 0. |\n| c | 1.0 |\n| d | 1 point |\n| e | 1 |\n").Points);
    }

    [Fact]
    public void A_repeated_criterion_keeps_its_first_position_and_its_last_value()
    {
        var parsed = Parse(Header + "| same | 1 |\n| other | 1 |\n| Same | 0 |\n| third | 1 |\n");
        Assert.Equal([0.0, 1, 1, 0, 0], parsed.Points);
        Assert.Equal(3, parsed.RawPointCount);
    }

    [Fact]
    public void Score_rows_are_not_points_and_empty_numbers_are_skipped()
    {
        var parsed = Parse(Header + "| a | 1 |\n| Score so far | 1 |\n| b | N/A |\n| c | |\n| d | 0 |\n");
        Assert.Equal([1.0, 0, 0, 0, 0], parsed.Points);
        Assert.Equal(2, parsed.RawPointCount);
    }

    [Fact]
    public void Lines_with_criteria_or_dashes_or_no_bar_are_not_rows()
    {
        var parsed = Parse(Header + "Some words in between.\n| a | 1 |\n| Criteria met | 1 |\n| b -- almost | 1 |\n| c | 1 |\n");
        Assert.Equal([1.0, 1, 0, 0, 0], parsed.Points);
    }

    [Fact]
    public void The_point_list_format_reads_the_number_after_each_earned()
    {
        var reply = "1. Correctly illustrates metaphor. Point earned: 1\n2. Correctly illustrates red herring. Point earned: 0/1\n"
            + "3. Pertains to Sewing. Point earned: 1.\n4. Text makes sense. Point earned: yes\n5. At most 1 sentence. Points earned: **1**\n"
            + "Grade: 3";
        var parsed = Parse(reply);
        Assert.Equal(GradeReplyFormat.PointList, parsed.Format);
        Assert.Equal([1.0, 0, 1, 0, 1], parsed.Points);
        Assert.Equal(3, parsed.Total);
    }

    [Fact]
    public void The_point_list_format_is_fitted_to_k_plus_3()
    {
        Assert.Equal([1.0, 1, 0, 0, 0], Parse("Point earned: 1\nPoint earned: 1\nGrade: 2").Points);
    }
}
