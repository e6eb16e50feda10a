using System.Globalization;
using System.Text.RegularExpressions;

namespace SkillMix.Core.Records;

/// <summary>
/// Where a graded records.csv sits in the folder layout of Skill-Mix's stored runs, and what the folder names say:
/// <c>k{k}_s{seed}_v{generation version}_r{generation round}/{student}/graded/by_{grader}_on_text_{column}_{grading round}_{grading version}/records.csv</c>.
/// </summary>
public sealed partial record P2GradedFile(
    string Path,
    int K,
    string Seed,
    string GenerationVersion,
    int GenerationRound,
    string Student,
    string Grader,
    int TextColumn,
    int GradingRound,
    string GradingVersion)
{
    /// <summary>The run's generation records.csv, which holds the graded texts (column text_{TextColumn}).</summary>
    public string GenerationRecordsPath =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(Path)!)!)!, "records.csv");

    public static bool TryParse(string path, out P2GradedFile file)
    {
        file = null!;
        var gradedDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        var graded = System.IO.Path.GetDirectoryName(gradedDir);
        var student = System.IO.Path.GetDirectoryName(graded);
        var run = System.IO.Path.GetDirectoryName(student);
        if (gradedDir is null || graded is null || student is null || run is null
            || System.IO.Path.GetFileName(graded) != "graded"
            || GradedFolder().Match(System.IO.Path.GetFileName(gradedDir)) is not { Success: true } g
            || RunFolder().Match(System.IO.Path.GetFileName(run)) is not { Success: true } r)
        {
            return false;
        }
        file = new P2GradedFile(
            System.IO.Path.GetFullPath(path),
            Int(r, "k"),
            r.Groups["seed"].Value,
            r.Groups["version"].Value,
            Int(r, "round"),
            System.IO.Path.GetFileName(student),
            g.Groups["grader"].Value,
            Int(g, "column"),
            Int(g, "round"),
            g.Groups["version"].Value);
        return true;
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^k(?<k>\d+)_s(?<seed>\d+)_v(?<version>[^_]+)_r(?<round>\d+)$")]
    private static partial Regex RunFolder();

    [GeneratedRegex(@"^by_(?<grader>.+)_on_text_(?<column>\d+)_(?<round>\d+)_(?<version>[^_]+)$")]
    private static partial Regex GradedFolder();
}
