using System.Text;

namespace SkillMix.Core.Text;

/// <summary>
/// An RFC 4180 reader: fields separated by commas, records by CRLF or LF; a field in double quotes may hold commas, line
/// breaks and doubled quotes. Each record carries the line it starts on, so errors can point at it. Python's csv module and
/// pandas write this dialect (Skill-Mix's skill file and records.csv files).
/// </summary>
public static class CsvReader
{
    public static IReadOnlyList<CsvRecord> ReadFile(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>Reads every record; <paramref name="source"/> names the file or resource in error messages.</summary>
    public static IReadOnlyList<CsvRecord> Read(TextReader reader, string source)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;        // inside a quoted field
        var wasQuoted = false;     // the current field was quoted and is closed
        var atFieldStart = true;
        var quoteLine = 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            wasQuoted = false;
            atFieldStart = true;
        }

        void EndRecord()
        {
            EndField();
            // A blank line (one empty unquoted field) is not a record.
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                records.Add(new CsvRecord(recordLine, fields.ToArray()));
            }
            fields.Clear();
            recordLine = line;
        }

        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        wasQuoted = true;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case ',':
                    EndField();
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n' or '\r':
                    line++;
                    EndRecord();
                    break;
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    quoteLine = line;
                    break;
                case '"':
                    throw new SkillMixDataException(source, line,
                        "a double quote inside an unquoted field; quote the whole field and double the quote (\"\").");
                default:
                    if (wasQuoted)
                    {
                        throw new SkillMixDataException(source, line,
                            $"text '{ch}' after the closing quote of a field; a quoted field must end at a comma or a line break.");
                    }
                    field.Append(ch);
                    atFieldStart = false;
                    break;
            }
        }
        if (quoted)
        {
            throw new SkillMixDataException(source, quoteLine,
                "a quoted field is never closed (the file ends inside it); add the closing double quote.");
        }
        if (fields.Count > 0 || field.Length > 0 || wasQuoted)
        {
            EndRecord();
        }
        return records;
    }
}
