using System.Globalization;
using System.Text.RegularExpressions;
using SkillMix.Core.Text;

namespace SkillMix.Core.Records;

/// <summary>A records.csv of Skill-Mix's code opened by column name, with the shared cell readers and their errors.</summary>
internal sealed partial class P2Table
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    private P2Table(string file, CsvRecord header, IReadOnlyList<CsvRecord> rows)
    {
        File = file;
        Header = header;
        Rows = rows;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            _columns.TryAdd(header.Fields[i].Trim(), i);
        }
    }

    public string File { get; }
    public CsvRecord Header { get; }

    /// <summary>The shape recognized from the header.</summary>
    public P2RecordShape Shape { get; private init; } = null!;
    public IReadOnlyList<CsvRecord> Rows { get; }

    public static P2Table Open(string file, P2RecordKind kind)
    {
        var records = CsvReader.ReadFile(file);
        if (records.Count == 0)
        {
            throw new SkillMixDataException(file, 1, "the file is empty; a records.csv starts with a header row.");
        }
        var shape = P2RecordShape.Recognize(file, records[0].Line, records[0].Fields);
        if (shape.Kind != kind)
        {
            throw new SkillMixDataException(file, records[0].Line,
                $"this records.csv holds {shape.Name}, where {(kind == P2RecordKind.Graded ? "graded" : "generation")} records were expected.");
        }
        var table = new P2Table(file, records[0], records.Skip(1).ToList()) { Shape = shape };
        foreach (var row in table.Rows)
        {
            // pandas writes one column more than the header when it keeps an unnamed index; a shorter row is damage.
            if (row.Fields.Count < table.Header.Fields.Count)
            {
                throw new SkillMixDataException(file, row.Line,
                    $"this row has {row.Fields.Count} fields but the header has {table.Header.Fields.Count}; the file may be truncated.");
            }
        }
        return table;
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    public string Text(CsvRecord row, string column) => Has(column) ? row.Fields[_columns[column]] : "";

    /// <summary>The system prompt, or "" when the file has no system prompt column.</summary>
    public string SystemPrompt(CsvRecord row) =>
        P2RecordShape.SystemPromptColumns.FirstOrDefault(Has) is { } column ? Text(row, column) : "";

    public int K(CsvRecord row)
    {
        var text = Text(row, "k").Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 1 || value != Math.Floor(value))
        {
            throw new SkillMixDataException(File, row.Line, $"column 'k' holds '{text}', not a whole number of at least 1.");
        }
        return (int)value;
    }

    /// <summary>The skills column: names joined with ", " and a line break, as Skill-Mix writes them.</summary>
    public IReadOnlyList<string> Skills(CsvRecord row, int k)
    {
        var text = Text(row, "skills").Replace("\r\n", "\n", StringComparison.Ordinal);
        var skills = SkillSeparator().Split(text).Select(s => s.Trim()).ToList();
        if (skills.Count != k || skills.Any(s => s.Length == 0))
        {
            throw new SkillMixDataException(File, row.Line,
                $"column 'skills' names {skills.Count(s => s.Length > 0)} skills but 'k' is {k}; skills are joined with \", \" and a line break.");
        }
        return skills;
    }

    public double Number(CsvRecord row, string column)
    {
        var text = Text(row, column).Trim();
        if (text.Equals("True", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }
        if (text.Equals("False", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new SkillMixDataException(File, row.Line, $"column '{column}' holds '{text}', not a number.");
    }

    /// <summary>A comma-separated list of numbers ("1.0,0.0,1.0", also in brackets); empty means no points.</summary>
    public IReadOnlyList<double> Numbers(CsvRecord row, string column)
    {
        var text = Text(row, column).Trim().TrimStart('[').TrimEnd(']');
        if (text.Trim().Length == 0)
        {
            return [];
        }
        var values = new List<double>();
        foreach (var part in text.Split(','))
        {
            if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new SkillMixDataException(File, row.Line, $"column '{column}' holds '{part.Trim()}', not a number.");
            }
            values.Add(value);
        }
        return values;
    }

    // ", " then a line break; the space is optional so that files whose trailing spaces were stripped still read.
    [GeneratedRegex(@",[ \t]*\n")]
    private static partial Regex SkillSeparator();
}
