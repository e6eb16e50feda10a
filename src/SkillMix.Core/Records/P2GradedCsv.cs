namespace SkillMix.Core.Records;

/// <summary>
/// Reads a graded records.csv of Skill-Mix's code (columns k, skills, topic, system prompt, user_0, assistant_0,
/// model_input_0, score_0, score_extracted_0, points_0, num_sentences_manual_in_student_answer_0, true_sentence_lim_pt_0,
/// num_sentences_extracted_eq_num_sentences_model_0; a LLaMA grader's file names the request and reply [INST]_0 and
/// [/INST]_0). Only the columns the aggregation reads are required (<see cref="P2RecordShape.RequiredColumns"/>); others
/// are ignored.
/// </summary>
public static class P2GradedCsv
{
    public static IReadOnlyList<P2GradedRow> Read(string path)
    {
        var table = P2Table.Open(path, P2RecordKind.Graded);
        var shape = table.Shape;
        return table.Rows.Select(row =>
        {
            var k = table.K(row);
            return new P2GradedRow(row.Line, k, table.Skills(row, k), table.Text(row, "topic").Trim(),
                table.Text(row, shape.Prompt(0)), table.Text(row, shape.Reply(0)), table.Numbers(row, "points_0"),
                table.Number(row, "true_sentence_lim_pt_0"));
        }).ToList();
    }
}
