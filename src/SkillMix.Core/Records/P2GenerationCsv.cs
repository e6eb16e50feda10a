using System.Globalization;

namespace SkillMix.Core.Records;

/// <summary>
/// Reads a generation records.csv of Skill-Mix's code: k, skills (joined with ", " and a line break), topic, system prompt,
/// then per turn i the columns user_i, assistant_i, model_input_i and text_i.
/// </summary>
public static class P2GenerationCsv
{
    public static IReadOnlyList<P2GenerationRow> Read(string path)
    {
        var table = P2Table.Open(path);
        table.Require("k", "skills", "topic", "user_0");
        var turns = 0;
        while (table.Has(Column("user", turns)))
        {
            turns++;
        }
        var systemColumn = table.Has("system prompt") ? "system prompt" : "system_prompt";
        return table.Rows.Select(row =>
        {
            var k = table.K(row);
            var list = Enumerable.Range(0, turns).Select(i => new P2Turn(
                table.Text(row, Column("user", i)), table.Text(row, Column("assistant", i)),
                table.Text(row, Column("model_input", i)), table.Text(row, Column("text", i)))).ToList();
            return new P2GenerationRow(row.Line, k, table.Skills(row, k), table.Text(row, "topic").Trim(),
                table.Text(row, systemColumn), list);
        }).ToList();
    }

    private static string Column(string name, int turn) => name + "_" + turn.ToString(CultureInfo.InvariantCulture);
}
