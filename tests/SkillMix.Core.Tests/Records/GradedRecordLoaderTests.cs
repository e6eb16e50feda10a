using SkillMix.Core.Metrics;
using SkillMix.Core.Records;
using SkillMix.Core.Tests.Support;

namespace SkillMix.Core.Tests.Records;

public sealed class GradedRecordLoaderTests
{
    private const string GradedHeader = "k,skills,topic,system prompt,user_0,assistant_0,model_input_0,score_0,score_extracted_0,points_0,"
        + "num_sentences_manual_in_student_answer_0,true_sentence_lim_pt_0,num_sentences_extracted_eq_num_sentences_model_0\n";

    private static string Row(string skills, string topic, string points, string lim = "1") =>
        $"2,\"{skills}\",{topic},sys,user,reply,,5,5,\"{points}\",1,{lim},True\n";

    [Fact]
    public void A_missing_folder_or_one_without_records_is_an_error()
    {
        using var temp = new TempFolder();
        Assert.Throws<SkillMixDataException>(() => GradedRecordLoader.Load(Path.Combine(temp.Path, "nope")));
        temp.File("notes.txt", "nothing here");
        var e = Assert.Throws<SkillMixDataException>(() => GradedRecordLoader.Load(temp.Path));
        Assert.Contains("no graded records", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_jsonl_line_is_reported_with_file_and_line()
    {
        using var temp = new TempFolder();
        var good = JsonlRecords.Serialize(RecordFactory.Grading());
        var path = temp.File("run/gradings.jsonl", good + "\n\n" + good.Replace("\"k\":2", "\"k\":\"two\"", StringComparison.Ordinal) + "\n");
        var e = Assert.Throws<SkillMixDataException>(() => GradedRecordLoader.Load(temp.Path));
        Assert.Equal(path, e.File);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void The_same_grading_read_twice_is_an_error_naming_both_places()
    {
        using var temp = new TempFolder();
        var line = JsonlRecords.Serialize(RecordFactory.Grading()) + "\n";
        temp.File("a/gradings.jsonl", line);
        temp.File("b/gradings.jsonl", line);
        var loaded = GradedRecordLoader.Load(temp.Path);
        var e = Assert.Throws<SkillMixDataException>(() => Aggregator.Aggregate(loaded.Evidence, new AggregateOptions()));
        Assert.Contains(Path.Combine("a", "gradings.jsonl"), e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("b", "gradings.jsonl"), e.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Rounds_that_disagree_on_a_combination_are_an_error()
    {
        using var temp = new TempFolder();
        temp.File("k2_s1_v1_r1/m/graded/by_g_on_text_1_1_v1/records.csv", GradedHeader + Row("a, \nb", "Sewing", "1,1,1,1,1"));
        var odd = temp.File("k2_s1_v1_r2/m/graded/by_g_on_text_1_1_v1/records.csv", GradedHeader + Row("a, \nc", "Sewing", "1,1,1,1,1"));
        var e = Assert.Throws<SkillMixDataException>(() => GradedRecordLoader.Load(temp.Path));
        Assert.Equal(odd, e.File);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void A_bad_points_value_names_the_column_and_line()
    {
        using var temp = new TempFolder();
        var path = temp.File("k2_s1_v1_r1/m/graded/by_g_on_text_1_1_v1/records.csv",
            GradedHeader + Row("a, \nb", "Sewing", "1,1,1,1,1") + Row("a, \nb", "Knots", "1,one,1,1,1"));
        var e = Assert.Throws<SkillMixDataException>(() => GradedRecordLoader.Load(temp.Path));
        Assert.Equal((path, 4), (e.File, e.Line));
        Assert.Contains("points_0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graded_csv_outside_the_layout_is_read_as_combinations_graded_once()
    {
        using var temp = new TempFolder();
        temp.File("loose/records.csv", GradedHeader + Row("a, \nb", "Sewing", "1,1,1,1,1") + Row("a, \nb", "Knots", "[1.0, 0.0, 1.0, 1.0, 1.0]", "True"));
        var loaded = GradedRecordLoader.Load(temp.Path);
        Assert.Equal(2, loaded.Evidence.Count);
        Assert.All(loaded.Evidence, e => Assert.Equal(new CellKey("loose", "-", "-", 2), e.Cell));
        Assert.Equal([1.0, 0, 1, 1, 1], loaded.Evidence[1].StoredPoints);
        Assert.Contains(loaded.Notes, n => n.Contains("outside Skill-Mix's run layout", StringComparison.Ordinal));
    }

    [Fact]
    public void The_name_filter_without_texts_is_an_error_that_says_where_they_belong()
    {
        using var temp = new TempFolder();
        var path = temp.File("k2_s1_v1_r1/m/graded/by_g_on_text_1_1_v1/records.csv", GradedHeader + Row("a, \nb", "Sewing", "1,1,1,1,1"));
        var loaded = GradedRecordLoader.Load(temp.Path);
        var e = Assert.Throws<SkillMixDataException>(() => Aggregator.Aggregate(loaded.Evidence, new AggregateOptions(NameFilter: true)));
        Assert.Equal((path, 2), (e.File, e.Line));
        Assert.Contains("generation records.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_layout_is_read_from_folder_names()
    {
        var path = Path.Combine("x", "k4_s10_v2_r3", "llama-2-13b", "graded", "by_gpt-4_0613_on_text_1_2_v3", "records.csv");
        Assert.True(P2GradedFile.TryParse(path, out var file));
        Assert.Equal((4, "10", "2", 3, "llama-2-13b", "gpt-4_0613", 1, 2, "v3"),
            (file.K, file.Seed, file.GenerationVersion, file.GenerationRound, file.Student, file.Grader, file.TextColumn, file.GradingRound,
             file.GradingVersion));
        Assert.Equal(Path.GetFullPath(Path.Combine("x", "k4_s10_v2_r3", "llama-2-13b", "records.csv")), file.GenerationRecordsPath);
        Assert.False(P2GradedFile.TryParse(Path.Combine("x", "k4_s10_r3", "m", "graded", "by_g_on_text_1_1_v1", "records.csv"), out _));
    }

    [Fact]
    public void Generation_records_csv_is_read_turn_by_turn()
    {
        var rows = P2GenerationCsv.Read(Path.Combine(Fixtures.P2Runs, "k2_s1_v1_r2", "llama", "records.csv"));
        Assert.Equal(2, rows.Count);
        Assert.Equal(["spatial reasoning", "modus ponens"], rows[1].Skills);
        Assert.Equal("Knots", rows[1].Topic);
        Assert.Equal(2, rows[1].Turns.Count);
        Assert.Equal("draft", rows[1].Turns[0].Text);
        Assert.Equal("Like modus ponens, the knot left of the post holds because it holds.", rows[1].Turns[1].Text);
        Assert.StartsWith("Answer: Like modus ponens", rows[1].Turns[1].Assistant, StringComparison.Ordinal);
    }
}
