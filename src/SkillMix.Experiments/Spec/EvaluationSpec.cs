using SkillMix.Core.Worlds;

namespace SkillMix.Experiments.Spec;

/// <summary>
/// SKILL-MIX(k) for each k in <paramref name="Ks"/>: <paramref name="Combinations"/> combinations of skills from
/// <paramref name="Skills"/> and topics from <paramref name="Topics"/>, <paramref name="Generations"/> student answers per
/// combination, <paramref name="Gradings"/> gradings per answer (P1/P2: 3 and 3).
/// </summary>
public sealed record EvaluationSpec(
    string Name,
    IReadOnlyList<int> Ks,
    Pool Skills,
    Pool Topics,
    int Combinations,
    int Generations,
    int Gradings,
    bool NameFilter,
    SpecLocation Location);
