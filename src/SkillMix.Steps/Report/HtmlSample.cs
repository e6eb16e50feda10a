namespace SkillMix.Steps.Report;

/// <summary>One answer of a model to one combination, with every grading of it, as the HTML report shows it.</summary>
/// <param name="Model">The model's name in the results table (the base student or a fine-tune).</param>
/// <param name="Setting">The evaluation setting.</param>
/// <param name="K">The number of skills.</param>
/// <param name="Combination">The combination's index in its setting and k.</param>
/// <param name="Repeat">Which answer to the combination (from 1).</param>
/// <param name="Skills">The skills in prompt order.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Prompt">The first user message.</param>
/// <param name="SecondPrompt">The second user message (review and improve).</param>
/// <param name="Answer">The graded text.</param>
/// <param name="Gradings">Every grading of the answer, by every grader; the first grader listed is the experiment's grader.</param>
internal sealed record HtmlSample(
    string Model,
    string Setting,
    int K,
    int Combination,
    int Repeat,
    IReadOnlyList<string> Skills,
    string Topic,
    string Prompt,
    string SecondPrompt,
    string Answer,
    IReadOnlyList<HtmlGrading> Gradings);
