using SkillMix.Core.Worlds;
using SkillMix.Experiments.Spec;

namespace SkillMix.Experiments.Tests;

public sealed class SpecReaderTests
{
    [Fact]
    public void Reads_items_and_fills_evaluation_defaults_from_properties()
    {
        var spec = Declarations.Read(Declarations.Properties(("Generations", "2")), Declarations.Items());
        Assert.Equal(["D1", "D2"], spec.TrainingSets.Select(s => s.Name));
        Assert.Equal(Pool.All, spec.TrainingSets[0].Skills);
        Assert.Equal(["D1", "D2"], spec.FineTunes.Single().Data);
        var evaluation = spec.Evaluations.Single();
        Assert.Equal([2, 3], evaluation.Ks);
        Assert.Equal(100, evaluation.Combinations);
        Assert.Equal(2, evaluation.Generations);
        Assert.Equal(3, evaluation.Gradings);
        Assert.Equal(10, spec.Seed);
    }

    [Fact]
    public void Fine_tunes_default_to_the_learning_rate_pretraining_ended_at_and_can_set_their_own()
    {
        var student = Declarations.Read(Declarations.Properties(("StudentLearningRate", "0.003")), Declarations.Items()).Student;
        Assert.Equal(0.003, student.LearningRate);
        Assert.Equal(0.0003, student.FineTuneLearningRate);
        var own = Declarations.Read(Declarations.Properties(("StudentLearningRate", "0.003"), ("FineTuneLearningRate", "0.001")), Declarations.Items());
        Assert.Equal(0.001, own.Student.FineTuneLearningRate);
    }

    [Fact]
    public void The_student_reads_words_unless_told_to_read_characters()
    {
        Assert.Equal("word", Declarations.Read(Declarations.Properties(), Declarations.Items()).Student.Tokenizer);
        Assert.Equal("char", Declarations.Read(Declarations.Properties(("StudentTokenizer", "char")), Declarations.Items()).Student.Tokenizer);
    }

    [Fact]
    public void A_fine_tune_naming_a_missing_training_set_is_an_error_that_lists_the_declared_ones()
    {
        var items = Declarations.Items();
        items.Add(Declarations.Item(SpecReader.FineTuneItem, "D13", ("Data", "D1;D3")));
        var (spec, errors) = SpecReader.Read(Declarations.Properties(), items, Declarations.Project,
            item => new SpecLocation(Declarations.Project, item.Include == "D13" ? 21 : 1, 5));
        Assert.Null(spec);
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCodes.MissingTrainingSet, error.Code);
        Assert.Contains("'D3'", error.Message);
        Assert.Contains("D1, D2", error.Message);
        Assert.Equal(21, error.Location.Line);
        Assert.StartsWith(Declarations.Project + "(21,5): error SKMX005:", error.ToString());
    }

    [Theory]
    [InlineData("World", "moon", ErrorCodes.UnknownWorld)]
    [InlineData("Teacher", "gpt-4", ErrorCodes.UnknownBackend)]
    [InlineData("Combinations", "many", ErrorCodes.InvalidValue)]
    [InlineData("Temperature", "-1", ErrorCodes.InvalidValue)]
    [InlineData("Seed", "1.5", ErrorCodes.InvalidValue)]
    [InlineData("StudentTokenizer", "bpe", ErrorCodes.InvalidValue)]
    [InlineData("StudentPreset", "huge", ErrorCodes.InvalidValue)]
    [InlineData("SkillMixNumerics", "fast", ErrorCodes.UnknownNumerics)]
    public void A_bad_property_value_names_the_property(string property, string value, string code)
    {
        var (spec, errors) = SpecReader.Read(Declarations.Properties((property, value)), Declarations.Items(), Declarations.Project);
        Assert.Null(spec);
        var error = Assert.Single(errors);
        Assert.Equal(code, error.Code);
        Assert.Contains(property, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void Bad_item_metadata_is_reported_item_by_item()
    {
        List<DeclaredItem> items =
        [
            Declarations.Item(SpecReader.TrainingSetItem, "D1", ("K", "0"), ("Attempts", "5")),
            Declarations.Item(SpecReader.TrainingSetItem, "D1", ("K", "1"), ("Attempts", "5"), ("Skills", "most")),
            Declarations.Item(SpecReader.EvaluationItem, "e.1", ("K", "2;x")),
        ];
        var (_, errors) = SpecReader.Read(Declarations.Properties(), items, Declarations.Project);
        Assert.Contains(errors, e => e.Code == ErrorCodes.KOutOfRange && e.Message.Contains("K=\"0\""));
        Assert.Contains(errors, e => e.Code == ErrorCodes.UnknownPool && e.Message.Contains("most"));
        Assert.Contains(errors, e => e.Code == ErrorCodes.DuplicateName && e.Message.Contains("'D1'"));
        Assert.Contains(errors, e => e.Code == ErrorCodes.InvalidName && e.Message.Contains("'e.1'"));
        Assert.Contains(errors, e => e.Code == ErrorCodes.KOutOfRange && e.Message.Contains("'x'"));
    }

    [Fact]
    public void K_larger_than_the_pool_is_caught_against_the_world()
    {
        var world = SampleWorld.Load();
        var items = Declarations.Items();
        items.Add(Declarations.Item(SpecReader.EvaluationItem, "wide", ("K", "99"), ("Skills", "train")));
        var spec = Declarations.Read(Declarations.Properties(), items);
        var error = Assert.Single(WorldChecks.Check(spec, world));
        Assert.Equal(ErrorCodes.KOutOfRange, error.Code);
        Assert.Contains($"larger than the {world.TrainSkills.Count} train skills", error.Message);
    }
}
