using System.Text.Json.Nodes;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Store;

namespace SkillMix.Experiments.Tests;

public sealed class StepParametersTests
{
    private static readonly AggregateParameters Aggregate = new("base", "held-out", NameFilter: true);

    [Fact]
    public void Parameters_round_trip_through_the_definition_member_by_member()
    {
        var definition = new StepDefinition(StepKind.Aggregate, "1", Aggregate.ToDefinitionParameters());

        Assert.Equal(["Model", "NameFilter", "Setting"], definition.Parameters.Keys);
        Assert.Equal(Aggregate, StepParameters.Read<AggregateParameters>(definition, "aggregate.base.held-out"));
    }

    [Fact]
    public void A_member_the_record_does_not_have_is_an_error_naming_the_step()
    {
        var definition = new StepDefinition(StepKind.Aggregate, "1", Aggregate.ToDefinitionParameters())
            .WithParameter("Colour", "red");

        var e = Assert.Throws<InvalidDataException>(() => StepParameters.Read<AggregateParameters>(definition, "aggregate.base.held-out"));
        Assert.Contains("aggregate.base.held-out", e.Message, StringComparison.Ordinal);
        Assert.Contains("Colour", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_member_is_an_error_not_a_default()
    {
        var definition = new StepDefinition(StepKind.Aggregate, "1", new Dictionary<string, JsonNode?> { ["Model"] = "base", ["Setting"] = "x" });

        var e = Assert.Throws<InvalidDataException>(() => StepParameters.Read<AggregateParameters>(definition, "aggregate.base.x"));
        Assert.Contains("NameFilter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_training_setting_is_explained_by_its_own_name()
    {
        var settings = new TrainingSettings(16, 20, 0.1, 0.9, 0.99, 1.0, 0.1, 100, 4, 0.05, "bf16", "compact", "native");
        var before = new StepDefinition(StepKind.Train, "1", new TrainParameters(10, 1e-4, 0, 1, settings).ToDefinitionParameters());
        var after = new StepDefinition(StepKind.Train, "1", new TrainParameters(10, 1e-4, 0, 1, settings with { WarmupSteps = 5 }).ToDefinitionParameters());

        Assert.Equal("key changed: Training.WarmupSteps 20 -> 5", RerunReason.Explain(before, after));
    }
}
