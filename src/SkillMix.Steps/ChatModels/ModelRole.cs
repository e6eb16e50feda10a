namespace SkillMix.Steps.ChatModels;

/// <summary>The three parts a model plays in an experiment.</summary>
internal enum ModelRole
{
    Teacher,
    Grader,
    Student,
}
