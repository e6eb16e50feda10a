using System.CommandLine;
using System.Text.Json;
using SkillMix.Steps.Report;
using SkillMix.Steps.Verify;
using SkillMix.Core;

namespace SkillMix.Cli.Commands;

/// <summary>`skillmix diff A B`: the metrics table between two results.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("A") { Description = "A results.json, results folder, experiment folder, experiment .nupkg, or git revision as rev:path." };
        var b = new Argument<string>("B") { Description = "The same kinds of thing as A." };
        var json = new Option<bool>("--json") { Description = "Print the table as JSON." };
        var repository = new Option<string?>("--repo")
        {
            Description = "The git repository that rev:path arguments are read from (default: the current folder); path is relative to its root.",
            HelpName = "folder",
        };
        var command = new Command("diff",
            "Compare the metrics of two results: every cell (model, grader, setting, k) and metric with A, B, B - A, and " +
            "whether their 95% intervals overlap.")
        {
            a, b, json, repository,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var left = parse.GetValue(a)!;
            var right = parse.GetValue(b)!;
            var repo = parse.GetValue(repository) ?? Directory.GetCurrentDirectory();
            var temporary = new List<string>();
            try
            {
                var (pathA, tempA) = ResultsSource.Resolve(left, repo);
                if (tempA) temporary.Add(pathA);
                var (pathB, tempB) = ResultsSource.Resolve(right, repo);
                if (tempB) temporary.Add(pathB);
                var rows = ResultsDiff.Rows(ResultsJson.ReadCells(pathA), ResultsJson.ReadCells(pathB));
                if (parse.GetValue(json))
                {
                    output.WriteLine(ResultsDiff.ToJson(rows, left, right).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                }
                else
                {
                    ResultsDiff.WriteTable(rows, left, right, output);
                }
                return 0;
            }
            catch (SkillMixDataException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
            finally
            {
                temporary.ForEach(File.Delete);
            }
        });
        return command;
    }
}
