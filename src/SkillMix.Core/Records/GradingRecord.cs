namespace SkillMix.Core.Records;

/// <summary>
/// One grading of one generated text, with everything needed to re-grade (the prompt) or re-aggregate (the raw reply, the
/// parsed points, the counted length point) without any model.
/// </summary>
/// <param name="Schema">Always <see cref="SkillMixRecord.SchemaVersion"/>.</param>
/// <param name="Setting">The name of the data set or evaluation setting the text belongs to.</param>
/// <param name="World">The world's name.</param>
/// <param name="WorldIdentity">The world's identity hash.</param>
/// <param name="SkillPool">The skill pool the combination was drawn from.</param>
/// <param name="TopicPool">The topic pool the combination was drawn from.</param>
/// <param name="K">The number of skills.</param>
/// <param name="Seed">The seed of the combination sampler.</param>
/// <param name="Combination">The combination's index in the sampled list.</param>
/// <param name="GenerationRepeat">Which generation of the combination was graded (1-based).</param>
/// <param name="GradingRepeat">Which grading of that generation this is (1-based).</param>
/// <param name="Skills">The skill names in rubric order.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Generator">The exact model id that wrote the text.</param>
/// <param name="Grader">The exact model id that graded it.</param>
/// <param name="TemplateVersion">The grading prompt's template version.</param>
/// <param name="SystemPrompt">The system message.</param>
/// <param name="Prompt">The grading request.</param>
/// <param name="Reply">The grader's raw reply.</param>
/// <param name="Answer">The graded text.</param>
/// <param name="Points">The k + 3 points parsed from the reply (padded or truncated), the grader's own length point included.</param>
/// <param name="SentenceCount">The programmatic sentence count of the answer.</param>
/// <param name="LengthPoint">1 if the sentence count is within max(1, k - 1); it replaces the grader's length point.</param>
public sealed record GradingRecord(
    int Schema,
    string Setting,
    string World,
    string WorldIdentity,
    string SkillPool,
    string TopicPool,
    int K,
    long Seed,
    int Combination,
    int GenerationRepeat,
    int GradingRepeat,
    IReadOnlyList<string> Skills,
    string Topic,
    string Generator,
    string Grader,
    string TemplateVersion,
    string SystemPrompt,
    string Prompt,
    string Reply,
    string Answer,
    IReadOnlyList<double> Points,
    int SentenceCount,
    int LengthPoint) : SkillMixRecord;
