using SkillMix.Core.Conversations;
using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Records;

/// <summary>Turns what the conversations return into the records the Generate, Sample and Grade steps write.</summary>
public static class RecordBuilder
{
    public static GenerationRecord Generation(RecordContext context, Combination combination, GenerationTranscript t) =>
        new(SkillMixRecord.SchemaVersion, context.Setting, context.World.Name, context.World.Identity, context.SkillPool.ToName(),
            context.TopicPool.ToName(), combination.K, context.Seed, combination.Index, t.Repeat, combination.Skills, combination.Topic,
            t.Model, GenerationPrompt.TemplateVersion, t.SystemPrompt, t.Turn1Prompt, t.Turn1Reply, t.Turn2Prompt, t.Turn2Reply, t.Answer);

    public static GradingRecord Grading(RecordContext context, GenerationRecord generation, GradingTranscript t) =>
        new(SkillMixRecord.SchemaVersion, context.Setting, context.World.Name, context.World.Identity, context.SkillPool.ToName(),
            context.TopicPool.ToName(), generation.K, context.Seed, generation.Combination, generation.Repeat, t.Repeat,
            generation.Skills, generation.Topic, generation.Model, t.Model, GradingPrompt.TemplateVersion, t.SystemPrompt, t.Prompt,
            t.Reply, generation.Answer, t.Parsed.Points, t.SentenceCount, t.LengthPoint);
}
