using SkillMix.Core.Conversations;
using SkillMix.Core.Records;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;

namespace SkillMix.Cli.Steps;

/// <summary>Builds Core's records from the conversations the steps run.</summary>
internal static class Records
{
    public static GenerationRecord Generation(string setting, World world, Pool skills, Pool topics, long seed,
        Combination combination, GenerationTranscript transcript) =>
        new(SkillMixRecord.SchemaVersion, setting, world.Name, world.Identity, skills.ToName(), topics.ToName(),
            combination.K, seed, combination.Index, transcript.Repeat, combination.Skills, combination.Topic, transcript.Model,
            Core.Prompts.GenerationPrompt.TemplateVersion, transcript.SystemPrompt, transcript.Turn1Prompt, transcript.Turn1Reply,
            transcript.Turn2Prompt, transcript.Turn2Reply, transcript.Answer);

    public static GradingRecord Grading(GenerationRecord generation, GradingTranscript transcript) =>
        new(SkillMixRecord.SchemaVersion, generation.Setting, generation.World, generation.WorldIdentity, generation.SkillPool,
            generation.TopicPool, generation.K, generation.Seed, generation.Combination, generation.Repeat, transcript.Repeat,
            generation.Skills, generation.Topic, generation.Model, transcript.Model, Core.Grading.GradingPrompt.TemplateVersion,
            transcript.SystemPrompt, transcript.Prompt, transcript.Reply, generation.Answer, transcript.Parsed.Points,
            transcript.SentenceCount, transcript.LengthPoint);

    public static IReadOnlyList<T> ReadAll<T>(string path) where T : SkillMixRecord =>
        JsonlRecords.Read(path).Select(r => r.Record as T
            ?? throw new Core.SkillMixDataException(path, r.Line, $"expected a {typeof(T).Name}, found a {r.Record.GetType().Name}.")).ToList();
}
