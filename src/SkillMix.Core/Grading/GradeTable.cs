using System.Globalization;
using System.Text;

namespace SkillMix.Core.Grading;

/// <summary>Writes a grader reply in the format a GPT-4 grader is asked for, so that every grader goes through one parser.</summary>
public static class GradeTable
{
    public const string Header = "Here's the grading table:";

    public static string Format(IReadOnlyList<string> criteria, IReadOnlyList<int> points, string explanation)
    {
        if (criteria.Count != points.Count)
        {
            throw new ArgumentException($"{criteria.Count} criteria but {points.Count} points.");
        }
        var sb = new StringBuilder();
        sb.Append(Header).Append('\n');
        sb.Append("| Criteria | Points Earned |\n");
        sb.Append("|---|---|\n");
        for (var i = 0; i < criteria.Count; i++)
        {
            sb.Append("| ").Append(criteria[i]).Append(" | ").Append(points[i].ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        }
        sb.Append("| Total Points Earned | ").Append(points.Sum().ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        sb.Append("\nExplanation: ").Append(explanation.Trim());
        return sb.ToString();
    }
}
