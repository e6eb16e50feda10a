using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SkillMix.Core.Text;

namespace SkillMix.Core.Records;

/// <summary>
/// Reads and writes SkillMix's JSONL record files: one <see cref="SkillMixRecord"/> per line, members in a fixed order,
/// camelCase names. Reading rejects unknown members, missing members, nulls and other schema versions, with the file and
/// line in the error. Writing goes through a temporary file, so a record file is never half-written.
/// </summary>
public static class JsonlRecords
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = RecordJsonContext.Default,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            // Prompts and replies stay readable in the file: quotes, apostrophes and non-ASCII text are not escaped.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };
        // Shared by every reader and writer: nobody may change the format by changing the options.
        options.MakeReadOnly();
        return options;
    }

    public static string Serialize(SkillMixRecord record) => JsonSerializer.Serialize(record, Options);

    public static void Write(string path, IEnumerable<SkillMixRecord> records) => AtomicFile.Write(path, writer =>
    {
        foreach (var record in records)
        {
            writer.Write(Serialize(record));
            writer.Write('\n');
        }
    });

    /// <summary>Every record of a file with the line it is on; blank lines are skipped.</summary>
    public static IReadOnlyList<(int Line, SkillMixRecord Record)> Read(string path)
    {
        var result = new List<(int, SkillMixRecord)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            result.Add((number, Parse(line, path, number)));
        }
        return result;
    }

    public static SkillMixRecord Parse(string line, string file, int lineNumber)
    {
        SkillMixRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<SkillMixRecord>(line, Options);
        }
        catch (JsonException e)
        {
            throw new SkillMixDataException(file, lineNumber,
                $"not a SkillMix record: {e.Message} (see docs/records.md for the members of each kind).", e);
        }
        catch (NotSupportedException e)
        {
            throw new SkillMixDataException(file, lineNumber,
                "not a SkillMix record: the first member must be \"kind\" with the value \"generation\" or \"grading\".", e);
        }
        return record switch
        {
            null => throw new SkillMixDataException(file, lineNumber, "the line holds null instead of a record."),
            GenerationRecord g => Check(g, g.Schema, g.K, g.Skills.Count, g.Repeat, 1, file, lineNumber),
            GradingRecord g => CheckGrading(g, file, lineNumber),
            _ => throw new SkillMixDataException(file, lineNumber, $"unexpected record type {record.GetType().Name}."),
        };
    }

    private static GradingRecord CheckGrading(GradingRecord g, string file, int line)
    {
        Check(g, g.Schema, g.K, g.Skills.Count, g.GenerationRepeat, g.GradingRepeat, file, line);
        if (g.Points.Count != g.K + 3)
        {
            throw new SkillMixDataException(file, line, $"'points' has {g.Points.Count} values; a grading with k = {g.K} has {g.K + 3}.");
        }
        if (g.LengthPoint is not (0 or 1))
        {
            throw new SkillMixDataException(file, line, $"'lengthPoint' is {g.LengthPoint}; it must be 0 or 1.");
        }
        return g;
    }

    private static T Check<T>(T record, int schema, int k, int skills, int repeat, int otherRepeat, string file, int line)
    {
        if (schema != SkillMixRecord.SchemaVersion)
        {
            throw new SkillMixDataException(file, line,
                $"schema {schema} is not supported; this version of SkillMix reads schema {SkillMixRecord.SchemaVersion}.");
        }
        if (k < 1 || k != skills)
        {
            throw new SkillMixDataException(file, line, $"'k' is {k} but 'skills' names {skills} skills; they must agree and be at least 1.");
        }
        if (repeat < 1 || otherRepeat < 1)
        {
            throw new SkillMixDataException(file, line, "repeat indices start at 1.");
        }
        return record;
    }
}
