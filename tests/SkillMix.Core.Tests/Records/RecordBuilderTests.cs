using SkillMix.Core.Conversations;
using SkillMix.Core.Grading;
using SkillMix.Core.Metrics;
using SkillMix.Core.Records;
using SkillMix.Core.Sampling;
using SkillMix.Core.Tests.Conversations;
using SkillMix.Core.Tests.Support;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Records;

public sealed class RecordBuilderTests
{
    [Fact]
    public async Task Conversations_become_records_that_aggregate_without_any_model()
    {
        var world = SampleWorld.Load();
        var combination = CombinationSampler.Sample(world, Pool.HeldOut, Pool.HeldOut, 2, 1, seed: 4)[0];
        var skills = combination.Skills.Select(world.GetSkill).ToList();
        var context = new RecordContext("held-out", world, Pool.HeldOut, Pool.HeldOut, 4);

        var teacher = new FakeChatClient("teacher-1", _ => "Answer: draft\nExplanation: x", _ => "Answer: One sentence.\nExplanation: y");
        var transcript = await new GenerateConversation(teacher).RunAsync(skills, combination.Topic, repeat: 1);
        var generation = RecordBuilder.Generation(context, combination, transcript);

        var table = GradeTable.Format(Rubric.Criteria(combination.Skills, combination.Topic), [1, 1, 1, 1, 0], "ok");
        var grader = new FakeChatClient("grader-1", _ => table);
        var gradings = (await new GradeConversation(grader).RunAsync(skills, combination.Topic, generation.Answer, 3))
            .Select(g => RecordBuilder.Grading(context, generation, g)).ToList();

        using var temp = new TempFolder();
        JsonlRecords.Write(Path.Combine(temp.Path, "generations.jsonl"), [generation]);
        JsonlRecords.Write(Path.Combine(temp.Path, "gradings.jsonl"), gradings);
        var cells = Aggregator.Aggregate(GradedRecordLoader.Load(temp.Path).Evidence, new AggregateOptions(Resamples: 10));

        var cell = Assert.Single(cells);
        Assert.Equal(new CellKey("teacher-1", "grader-1", "held-out", 2), cell.Cell);
        Assert.Equal((1, 1, 3), (cell.Combinations, cell.Generations, cell.Gradings));
        // The grader's length point 0 is replaced by the count (one sentence for k = 2): full marks.
        Assert.Equal(1, cell.FullMarks.Mean);
        Assert.Equal(world.Identity, generation.WorldIdentity);
        Assert.Equal("held-out", gradings[0].SkillPool);
        Assert.Equal([1, 2, 3], gradings.Select(g => g.GradingRepeat));
    }
}
