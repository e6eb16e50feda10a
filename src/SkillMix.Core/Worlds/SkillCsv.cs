using SkillMix.Core.Text;

namespace SkillMix.Core.Worlds;

/// <summary>
/// Reads a skill catalog in Skill-Mix's CSV format: a header row naming the columns category, skill, definition, example,
/// comments, status and added by (any order, any case; the first four are required, other columns are ignored). Rows whose
/// status is "remove", "in review" or "maybe" are dropped, as Skill-Mix does. Names are trimmed and otherwise kept exactly,
/// inner spaces included, because the name is the skill's identity. An optional column "frequency" gives each skill's
/// occurrence rate in a pretraining corpus (a number from 0 to 1; an empty cell means not known).
/// </summary>
public static class SkillCsv
{
    /// <summary>The statuses whose rows are not part of the catalog (compared trimmed, in any case).</summary>
    public static readonly IReadOnlyList<string> DroppedStatuses = ["remove", "in review", "maybe"];

    private static readonly string[] Required = ["category", "skill", "definition", "example"];

    /// <summary>The optional column of each skill's occurrence rate in a pretraining corpus.</summary>
    public const string FrequencyColumn = "frequency";

    public static IReadOnlyList<Skill> ReadFile(string path) => Read(CsvReader.ReadFile(path), path);

    public static IReadOnlyList<Skill> Read(TextReader reader, string source) => Read(CsvReader.Read(reader, source), source);

    private static List<Skill> Read(IReadOnlyList<CsvRecord> records, string source)
    {
        if (records.Count == 0)
        {
            throw new SkillMixDataException(source, 1,
                "the skill file is empty; it needs a header row (category,skill,definition,example,comments,status,added by) and one row per skill.");
        }
        var header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            columns.TryAdd(header.Fields[i].Trim(), i);
        }
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new SkillMixDataException(source, header.Line,
                $"the header has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; a Skill-Mix skill file has the columns "
                + "category, skill, definition, example, comments, status, added by.");
        }
        var status = columns.GetValueOrDefault("status", -1);
        var frequency = columns.GetValueOrDefault(FrequencyColumn, -1);
        var skills = new List<Skill>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in records.Skip(1))
        {
            if (row.Fields.Count != header.Fields.Count)
            {
                throw new SkillMixDataException(source, row.Line,
                    $"this row has {row.Fields.Count} fields but the header has {header.Fields.Count}; quote fields that contain commas or line breaks.");
            }
            if (status >= 0 && DroppedStatuses.Contains(row.Fields[status].Trim().ToLowerInvariant()))
            {
                continue;
            }
            string Cell(string column) => row.Fields[columns[column]].Trim();
            var name = Cell("skill");
            var category = Cell("category");
            if (name.Length == 0)
            {
                throw new SkillMixDataException(source, row.Line, "the skill name is empty; give every row a name in the 'skill' column.");
            }
            if (category.Length == 0)
            {
                throw new SkillMixDataException(source, row.Line,
                    $"skill '{name}' has no category; the split is made by category, so every skill needs one.");
            }
            if (!firstLine.TryAdd(name, row.Line))
            {
                throw new SkillMixDataException(source, row.Line,
                    $"skill '{name}' appears again (first on line {firstLine[name]}); skill names must be unique.");
            }
            skills.Add(new Skill(name, category, Cell("definition"), Cell("example"),
                frequency >= 0 ? Frequency(row.Fields[frequency].Trim(), name, source, row.Line) : null));
        }
        if (skills.Count == 0)
        {
            throw new SkillMixDataException(source, header.Line, "the skill file has no skill rows (after dropping removed and unreviewed ones).");
        }
        return skills;
    }

    private static double? Frequency(string text, string skill, string source, int line)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || !Skill.IsFrequency(value))
        {
            throw new SkillMixDataException(source, line,
                $"skill '{skill}' has frequency '{text}'; the '{FrequencyColumn}' column holds the skill's occurrence rate as a number "
                + "from 0 to 1 (for example 0.031), or nothing when it is not known.");
        }
        return value;
    }
}
