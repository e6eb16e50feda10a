using SkillMix.Core.Grading;

namespace SkillMix.Core.Conversations;

/// <summary>One grading call as it happened, and what it says.</summary>
/// <param name="Repeat">Which grading of the text (1-based).</param>
/// <param name="Model">The grader's model id as reported, or the requested one.</param>
/// <param name="SystemPrompt">The system message.</param>
/// <param name="Prompt">The grading request.</param>
/// <param name="Reply">The raw reply.</param>
/// <param name="Parsed">The points read from the reply (the grader's own length point included).</param>
/// <param name="SentenceCount">The programmatic sentence count of the graded text.</param>
/// <param name="LengthPoint">The counted length point, which replaces the grader's.</param>
public sealed record GradingTranscript(int Repeat, string Model, string SystemPrompt, string Prompt, string Reply,
    ParsedGrade Parsed, int SentenceCount, int LengthPoint)
{
    /// <summary>The parsed points with the last one replaced by the counted length point.</summary>
    public IReadOnlyList<double> Points
    {
        get
        {
            var points = Parsed.Points.ToArray();
            points[^1] = LengthPoint;
            return points;
        }
    }
}
