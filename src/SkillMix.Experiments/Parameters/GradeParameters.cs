namespace SkillMix.Experiments.Parameters;

/// <summary>Grade (of a training set's generations or an evaluation's samples): each text graded <paramref name="Gradings"/> times.</summary>
public sealed record GradeParameters(
    WorldIdentity World,
    string Grader,
    int Gradings,
    string Template) : StepParameters;
