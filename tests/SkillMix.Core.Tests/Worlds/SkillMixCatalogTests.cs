using SkillMix.Core.Tests.Support;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Worlds;

public sealed class SkillMixCatalogTests
{
    private const string Csv = "category,skill,definition,example,comments,status,added by\n"
        + "literary,metaphor,d,e,,,a\nrhetorical,red herring,d,e,,,a\nlogic,modus ponens,d,e,,,a\ntheory of mind,self serving bias,d,e,,,a\n";

    [Fact]
    public void Files_on_disk_make_a_world_split_literary_and_rhetorical_against_the_rest()
    {
        using var temp = new TempFolder();
        var world = SkillMixCatalog.Load(temp.File("skills.csv", Csv), temp.File("topics.txt", "Sewing\nKnots\nDueling\nGardening"));
        Assert.Equal("skills", world.Name);
        Assert.Equal(["metaphor", "red herring"], world.TrainSkills.Select(s => s.Name));
        Assert.Equal(["modus ponens", "self serving bias"], world.HeldOutSkills.Select(s => s.Name));
        Assert.Equal((2, 2), (world.TrainTopics.Count, world.HeldOutTopics.Count));
    }

    [Fact]
    public void Other_train_categories_can_be_chosen()
    {
        var skills = SkillCsv.Read(new StringReader(Csv), "skills.csv");
        var world = SkillMixCatalog.Create("w", "skills.csv", skills, ["Sewing", "Knots"], "logic, theory of mind");
        Assert.Equal(["modus ponens", "self serving bias"], world.TrainSkills.Select(s => s.Name));
    }

    [Fact]
    public void A_catalog_without_the_train_categories_is_a_data_error_naming_the_file()
    {
        var skills = SkillCsv.Read(new StringReader("category,skill,definition,example\nlogic,modus ponens,d,e\n"), "skills.csv");
        var e = Assert.Throws<SkillMixDataException>(() => SkillMixCatalog.Create("w", "skills.csv", skills, ["Sewing"]));
        Assert.Equal("skills.csv", e.File);
        Assert.Contains("literary", e.Message, StringComparison.Ordinal);
        Assert.Throws<SkillMixDataException>(() => SkillMixCatalog.Create("w", "skills.csv", skills, ["Sewing"], " ; "));
    }
}
