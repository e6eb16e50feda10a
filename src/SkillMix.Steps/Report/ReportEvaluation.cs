using SkillMix.Core.Worlds;

namespace SkillMix.Steps.Report;

/// <summary>One evaluation setting as declared: a column group of the results table.</summary>
/// <param name="Name">The setting's name (for example "held-out"); cells name it in CellKey.Setting.</param>
/// <param name="Skills">Where the skills of its combinations come from.</param>
/// <param name="Topics">Where the topics of its combinations come from.</param>
/// <param name="Ks">The k of each column, in declared order.</param>
/// <param name="Combinations">n, the combinations declared per k; a cell with fewer says so.</param>
/// <param name="Generations">G, the student's answers per combination.</param>
/// <param name="Gradings">R, the gradings per answer.</param>
internal sealed record ReportEvaluation(
    string Name,
    Pool Skills,
    Pool Topics,
    IReadOnlyList<int> Ks,
    int Combinations,
    int Generations,
    int Gradings);
