namespace SkillMix.Core.Records;

/// <summary>
/// One generation: the two-turn conversation that produced one text for one combination, with everything needed to grade
/// it again without the model that wrote it.
/// </summary>
/// <param name="Schema">Always <see cref="SkillMixRecord.SchemaVersion"/>.</param>
/// <param name="Setting">The name of the data set or evaluation setting (for example "D2" or "held-out").</param>
/// <param name="World">The world's name.</param>
/// <param name="WorldIdentity">The world's identity hash (its skills, topics and split).</param>
/// <param name="SkillPool">The skill pool drawn from: "train", "held-out" or "all".</param>
/// <param name="TopicPool">The topic pool drawn from.</param>
/// <param name="K">The number of skills.</param>
/// <param name="Seed">The seed of the combination sampler.</param>
/// <param name="Combination">The combination's index in the sampled list.</param>
/// <param name="Repeat">Which generation of the combination (1-based).</param>
/// <param name="Skills">The skill names in prompt order.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Model">The exact model id that answered.</param>
/// <param name="TemplateVersion">The generation prompt's template version.</param>
/// <param name="SystemPrompt">The system message.</param>
/// <param name="Turn1Prompt">The first user message.</param>
/// <param name="Turn1Reply">The first reply.</param>
/// <param name="Turn2Prompt">The second user message.</param>
/// <param name="Turn2Reply">The second reply.</param>
/// <param name="Answer">The text to grade, extracted from the second reply.</param>
public sealed record GenerationRecord(
    int Schema,
    string Setting,
    string World,
    string WorldIdentity,
    string SkillPool,
    string TopicPool,
    int K,
    long Seed,
    int Combination,
    int Repeat,
    IReadOnlyList<string> Skills,
    string Topic,
    string Model,
    string TemplateVersion,
    string SystemPrompt,
    string Turn1Prompt,
    string Turn1Reply,
    string Turn2Prompt,
    string Turn2Reply,
    string Answer) : SkillMixRecord;
