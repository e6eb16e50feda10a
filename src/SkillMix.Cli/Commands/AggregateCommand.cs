using System.CommandLine;
using SkillMix.Core;
using SkillMix.Core.Metrics;
using SkillMix.Core.Records;
using SkillMix.Experiments.Spec;

namespace SkillMix.Cli.Commands;

/// <summary>
/// skillmix aggregate: the Aggregate step on a folder of graded records (SkillMix JSONL or Skill-Mix records.csv): FM, AS and
/// SF per cell with their standard errors and bootstrap 95% intervals, as an aligned table or as JSON.
/// </summary>
internal static class AggregateCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder")
        {
            Description = "The folder to search, recursively, for graded records: SkillMix *.jsonl record files and Skill-Mix "
                + "records.csv files (in or out of Skill-Mix's k{k}_s{seed}_v{v}_r{round}/{student}/graded/... layout).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Write the results as JSON (notes, options and one object per cell) instead of a table.",
        };
        var nameFilter = new Option<bool>("--name-filter")
        {
            Description = "Skill-Mix's harder variant: a skill earns no point when the graded text contains its name "
                + "(lower-cased, the part before any '('). Needs the graded text: JSONL records hold it; for records.csv the "
                + "run's generation records.csv must be present.",
        };
        var reparse = new Option<bool>("--reparse")
        {
            Description = "Read the points again from each raw grader reply (assistant_0, or 'reply' in JSONL) with the official "
                + "parsing rules, instead of using the stored points (points_0, or 'points'). The length point is still the "
                + "programmatic one.",
        };
        var resamples = new Option<int>("--resamples")
        {
            Description = "Bootstrap resamples per cell for the 95% intervals.",
            DefaultValueFactory = _ => Bootstrap.DefaultResamples,
        };
        resamples.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--resamples must be at least 1.");
            }
        });
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the bootstrap draws (the same seed gives the same intervals on every machine).",
            DefaultValueFactory = _ => Bootstrap.DefaultSeed,
        };

        var command = new Command("aggregate",
            "Aggregate graded records: majority vote per point over gradings, FM/AS/SF per generation, the best generation of "
            + "each combination, then mean ± standard error and a bootstrap 95% interval per model, grader, setting and k.")
        {
            folder, json, nameFilter, reparse, resamples, seed,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new AggregateOptions(parseResult.GetValue(nameFilter), parseResult.GetValue(reparse),
                parseResult.GetValue(resamples), parseResult.GetValue(seed));
            try
            {
                var loaded = GradedRecordLoader.Load(parseResult.GetValue(folder)!.FullName);
                var cells = Aggregator.Aggregate(loaded.Evidence, options);
                output.Write(parseResult.GetValue(json)
                    ? AggregateJson.Format(cells, loaded.Notes, options)
                    : AggregateTable.Format(cells, loaded.Notes, options));
                return 0;
            }
            catch (SkillMixDataException e)
            {
                // The compilers' form, so editors and CI jump to the bad record: file(line): error CODE: problem.
                var where = e.Line is { } line ? $"{e.File}({line})" : e.File;
                error.WriteLine($"{where}: error {ErrorCodes.RecordFile}: {e.Problem}");
                return 2;
            }
            catch (IOException e)
            {
                error.WriteLine("error: " + e.Message);
                return 2;
            }
            catch (UnauthorizedAccessException e)
            {
                error.WriteLine("error: " + e.Message);
                return 2;
            }
        });
        return command;
    }
}
