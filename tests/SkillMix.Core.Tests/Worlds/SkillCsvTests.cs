using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Worlds;

public sealed class SkillCsvTests
{
    private const string Header = "category,skill,definition,example,comments,status,added by\n";

    private static IReadOnlyList<Skill> Read(string text) => SkillCsv.Read(new StringReader(text), "skills.csv");

    [Fact]
    public void Rows_marked_remove_in_review_or_maybe_are_dropped()
    {
        var skills = Read(Header
            + "literary,metaphor,d,e,,,a\n"
            + "logic,gone,d,e,,remove,a\n"
            + "logic,pending,d,e,, In Review ,a\n"
            + "logic,unsure,d,e,,maybe,a\n"
            + "logic,modus ponens,d,e,,accepted,a\n");
        Assert.Equal(["metaphor", "modus ponens"], skills.Select(s => s.Name));
    }

    [Fact]
    public void Names_are_trimmed_but_otherwise_kept_exactly()
    {
        var skills = Read(Header + "logic,\"  complex question (loaded question with implicit assumption )  \",d,e,,,a\n");
        Assert.Equal("complex question (loaded question with implicit assumption )", skills[0].Name);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_case()
    {
        var skills = Read("Skill,Example,Category,Definition\nmetaphor,Time is a thief.,literary,Calls one thing another.\n");
        Assert.Equal(new Skill("metaphor", "literary", "Calls one thing another.", "Time is a thief."), skills[0]);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var e = Assert.Throws<SkillMixDataException>(() => Read("category,skill,example\nliterary,metaphor,e\n"));
        Assert.Equal(1, e.Line);
        Assert.Contains("'definition'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_skill_names_both_lines()
    {
        var e = Assert.Throws<SkillMixDataException>(() => Read(Header + "literary,metaphor,d,e,,,a\nlogic,x,d,e,,,a\nlogic,metaphor,d,e,,,a\n"));
        Assert.Equal(4, e.Line);
        Assert.Contains("first on line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_reported_at_its_line()
    {
        var e = Assert.Throws<SkillMixDataException>(() => Read(Header + "literary,metaphor,d,e,,,a\nliterary,simile,has, a comma,e,,,a\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("8 fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_names_and_categories_are_errors()
    {
        Assert.Equal(2, Assert.Throws<SkillMixDataException>(() => Read(Header + "literary, ,d,e,,,a\n")).Line);
        Assert.Equal(2, Assert.Throws<SkillMixDataException>(() => Read(Header + ",metaphor,d,e,,,a\n")).Line);
    }

    [Fact]
    public void A_file_of_only_dropped_rows_is_an_error()
    {
        Assert.Throws<SkillMixDataException>(() => Read(Header + "logic,gone,d,e,,remove,a\n"));
    }

    [Fact]
    public void A_file_on_disk_is_named_in_errors()
    {
        using var temp = new Support.TempFolder();
        var path = temp.File("bad.csv", "category,skill\n");
        var e = Assert.Throws<SkillMixDataException>(() => SkillCsv.ReadFile(path));
        Assert.Equal(path, e.File);
    }
}
