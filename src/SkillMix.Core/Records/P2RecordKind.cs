namespace SkillMix.Core.Records;

/// <summary>What a records.csv of Skill-Mix's code holds: the texts a model wrote, or the gradings of such texts.</summary>
public enum P2RecordKind
{
    /// <summary>Generation records: per turn i a prompt, a reply, the model input and the extracted text (text_i).</summary>
    Generation,

    /// <summary>Graded records: one grading request and reply (turn 0), the parsed points and the counted length point.</summary>
    Graded,
}
