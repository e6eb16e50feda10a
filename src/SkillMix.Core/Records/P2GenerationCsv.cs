namespace SkillMix.Core.Records;

/// <summary>
/// Reads a generation records.csv of Skill-Mix's code: k, skills (joined with ", " and a line break), topic, an optional
/// system prompt, then per turn i a prompt, a reply, model_input_i and text_i, where the prompt and reply columns are named
/// after the chat template's roles (user_i / assistant_i or [INST]_i / [/INST]_i; see <see cref="P2RecordShape"/>).
/// </summary>
public static class P2GenerationCsv
{
    public static IReadOnlyList<P2GenerationRow> Read(string path)
    {
        var table = P2Table.Open(path, P2RecordKind.Generation);
        var shape = table.Shape;
        var turns = 0;
        while (table.Has(shape.Prompt(turns)) && table.Has(shape.Reply(turns)))
        {
            turns++;
        }
        return table.Rows.Select(row =>
        {
            var k = table.K(row);
            var list = Enumerable.Range(0, turns).Select(i => new P2Turn(
                table.Text(row, shape.Prompt(i)), table.Text(row, shape.Reply(i)),
                table.Text(row, P2RecordShape.ModelInput(i)), table.Text(row, P2RecordShape.Text(i)))).ToList();
            return new P2GenerationRow(row.Line, k, table.Skills(row, k), table.Text(row, "topic").Trim(),
                table.SystemPrompt(row), list);
        }).ToList();
    }
}
