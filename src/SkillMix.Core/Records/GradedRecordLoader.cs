using SkillMix.Core.Metrics;
using SkillMix.Core.Text;

namespace SkillMix.Core.Records;

/// <summary>
/// Finds graded records under a folder, recursively: SkillMix's JSONL files (*.jsonl; their grading records are used,
/// generation records are counted and skipped) and Skill-Mix's records.csv files of every shape its code writes
/// (<see cref="P2RecordShape"/>: graded ones are read, generation ones supply the graded texts; an unknown shape is an error).
/// Skill-Mix runs in their folder layout are joined the official way: a combination is a row index shared by every round of
/// the same k and seed, and only the rows present in every round are used (the notes say how many).
/// </summary>
public static class GradedRecordLoader
{
    public static LoadedGradings Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SkillMixDataException(folder, null, "no such folder; give the folder that holds the graded records.");
        }
        var evidence = new List<GradingEvidence>();
        var notes = new List<string>();
        var runs = new List<P2GradedFile>();
        var shapes = new Dictionary<P2RecordShape, int>();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                LoadJsonl(file, folder, evidence, notes);
            }
            else if (name == "records.csv")
            {
                var records = CsvReader.ReadFile(file);
                if (records.Count == 0)
                {
                    notes.Add($"{Path.GetRelativePath(folder, file)}: empty, skipped.");
                    continue;
                }
                var shape = P2RecordShape.Recognize(file, records[0].Line, records[0].Fields);
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                if (shape.Kind != P2RecordKind.Graded)
                {
                    continue;
                }
                if (P2GradedFile.TryParse(file, out var run))
                {
                    runs.Add(run);
                }
                else
                {
                    LoadStandalone(file, folder, evidence, notes);
                }
            }
        }
        foreach (var group in runs.GroupBy(r => (r.Student, r.Grader, r.TextColumn, r.GradingVersion, r.K, r.Seed, r.GenerationVersion)))
        {
            LoadRunGroup(group.ToList(), evidence, notes);
        }
        if (shapes.Count > 0)
        {
            notes.Add("records.csv files: " + string.Join(", ", P2RecordShape.Known.Where(shapes.ContainsKey).Select(s => $"{shapes[s]} {s.Name}")) + ".");
        }
        if (evidence.Count == 0)
        {
            throw new SkillMixDataException(folder, null,
                "no graded records found (looked for grading records in *.jsonl files and graded records.csv files, recursively).");
        }
        return new LoadedGradings(evidence, notes);
    }

    private static void LoadJsonl(string file, string root, List<GradingEvidence> evidence, List<string> notes)
    {
        var gradings = 0;
        var generations = 0;
        foreach (var (line, record) in JsonlRecords.Read(file))
        {
            if (record is GradingRecord g)
            {
                gradings++;
                evidence.Add(GradingEvidence.Of(g, file, line));
            }
            else
            {
                generations++;
            }
        }
        notes.Add($"{Path.GetRelativePath(root, file)}: {gradings} grading records"
            + (generations > 0 ? $", {generations} generation records (not needed to aggregate)" : "") + ".");
    }

    private static void LoadStandalone(string file, string root, List<GradingEvidence> evidence, List<string> notes)
    {
        var relative = Path.GetRelativePath(root, Path.GetDirectoryName(file)!);
        var rows = P2GradedCsv.Read(file);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            evidence.Add(new GradingEvidence(new CellKey(relative, "-", "-", row.K), i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                1, 1, row.Skills, null, row.Points, row.LengthPoint, row.Reply, file, row.Line));
        }
        notes.Add($"{Path.GetRelativePath(root, file)}: outside Skill-Mix's run layout, read as {rows.Count} combinations graded once.");
    }

    private static void LoadRunGroup(List<P2GradedFile> files, List<GradingEvidence> evidence, List<string> notes)
    {
        var first = files[0];
        var tables = files.Select(f => (File: f, Rows: P2GradedCsv.Read(f.Path))).ToList();
        var common = tables.Min(t => t.Rows.Count);
        var most = tables.Max(t => t.Rows.Count);
        var texts = new Dictionary<int, IReadOnlyList<P2GenerationRow>?>();
        foreach (var (file, rows) in tables)
        {
            if (!texts.ContainsKey(file.GenerationRound))
            {
                texts[file.GenerationRound] = File.Exists(file.GenerationRecordsPath) ? P2GenerationCsv.Read(file.GenerationRecordsPath) : null;
            }
            var generated = texts[file.GenerationRound];
            for (var i = 0; i < common; i++)
            {
                var row = rows[i];
                var reference = tables[0].Rows[i];
                if (row.K != file.K)
                {
                    throw new SkillMixDataException(file.Path, row.Line, $"the row has k = {row.K} but its run folder says k = {file.K}.");
                }
                if (row.Topic != reference.Topic || !row.Skills.SequenceEqual(reference.Skills))
                {
                    throw new SkillMixDataException(file.Path, row.Line,
                        $"row {i} is not the combination of row {i} in {tables[0].File.Path} (line {reference.Line}); the rounds of one k and seed "
                        + "must list the same combinations in the same order.");
                }
                var answer = generated is not null && i < generated.Count && file.TextColumn < generated[i].Turns.Count
                    ? generated[i].Turns[file.TextColumn].Text
                    : null;
                evidence.Add(new GradingEvidence(
                    new CellKey(file.Student, file.Grader, $"gen v{file.GenerationVersion}, text_{file.TextColumn}, grade {file.GradingVersion}", file.K),
                    $"s{file.Seed}_v{file.GenerationVersion}/{i}",
                    file.GenerationRound, file.GradingRound, row.Skills, answer, row.Points, row.LengthPoint, row.Reply, file.Path, row.Line));
            }
        }
        var generationRounds = string.Join(", ", files.Select(f => f.GenerationRound).Distinct().Order());
        var gradingRounds = string.Join(", ", files.Select(f => f.GradingRound).Distinct().Order());
        notes.Add($"k{first.K}_s{first.Seed}_v{first.GenerationVersion}, {first.Student} by {first.Grader}: {common} of {most} combinations "
            + $"present in every round (generation rounds {generationRounds}; grading rounds {gradingRounds}; {files.Count} "
            + (files.Count == 1 ? "file)." : "files)."));
    }
}
