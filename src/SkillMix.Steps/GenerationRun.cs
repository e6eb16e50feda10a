using SkillMix.Steps.ChatModels;
using SkillMix.Core.Conversations;
using SkillMix.Core.Records;
using SkillMix.Core.Text;
using SkillMix.Core.Sampling;
using SkillMix.Experiments.Spec;

namespace SkillMix.Steps;

/// <summary>
/// The two-turn Skill-Mix conversation for many (combination, repeat) pairs at once, as the Generate, Pretrain and Sample
/// steps all need it: as many in flight as the model allows, one record each, in the pairs' order.
/// </summary>
internal static class GenerationRun
{
    public static Task<IReadOnlyList<GenerationRecord>> RunAsync(Backend model, ResolvedWorld world, RecordContext records,
        IReadOnlyList<(Combination Combination, int Repeat)> work, ProgressLine? progress, CancellationToken cancellationToken)
    {
        var conversation = new GenerateConversation(model.Client, model.Options);
        return ParallelWork.MapAsync(work, model.Concurrency, async (item, ct) =>
        {
            var skills = item.Combination.Skills.Select(world.World.GetSkill).ToList();
            var transcript = await conversation.RunAsync(skills, item.Combination.Topic, item.Repeat, ct);
            progress?.Advance();
            return RecordBuilder.Generation(records, item.Combination, transcript);
        }, cancellationToken);
    }
}
