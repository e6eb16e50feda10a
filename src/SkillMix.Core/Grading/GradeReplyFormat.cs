namespace SkillMix.Core.Grading;

/// <summary>Which of Skill-Mix's two grader reply formats a reply was read as.</summary>
public enum GradeReplyFormat
{
    /// <summary>Neither format was found (for example a reply cut off before its table): no points.</summary>
    None,

    /// <summary>The rubric table after "Here's the grading table:" (the GPT grading prompt).</summary>
    Table,

    /// <summary>"Point earned: N" lines ending with "Grade: N" (the LLaMA grading prompt).</summary>
    PointList,
}
