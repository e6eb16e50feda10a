namespace SkillMix.Core.Metrics;

/// <summary>One cell of a results table: whose texts (Model), graded by whom (Grader), in which setting, at which k.</summary>
/// <param name="Model">The model that wrote the graded texts (the student), or "-" when unknown.</param>
/// <param name="Grader">The grader, or "-" when unknown.</param>
/// <param name="Setting">The evaluation setting (for example "held-out"), or "-" when unknown.</param>
/// <param name="K">The number of skills per combination.</param>
public sealed record CellKey(string Model, string Grader, string Setting, int K) : IComparable<CellKey>
{
    public int CompareTo(CellKey? other)
    {
        if (other is null)
        {
            return 1;
        }
        var c = string.CompareOrdinal(Model, other.Model);
        c = c != 0 ? c : string.CompareOrdinal(Grader, other.Grader);
        c = c != 0 ? c : string.CompareOrdinal(Setting, other.Setting);
        return c != 0 ? c : K.CompareTo(other.K);
    }
}
