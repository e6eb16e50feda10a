using System.CommandLine;
using System.Globalization;
using SkillMix.Steps;
using SkillMix.Steps.Verify;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary>`skillmix verify`: recompute a sample of an experiment's steps and compare outputs and metrics (CI).</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var steps = new Argument<string>("steps-directory")
        {
            Description = "The planned steps of a built experiment: obj/skillmix/steps beside its project.",
        };
        var sample = new Option<double>("--sample")
        {
            Description = "The fraction of steps to recompute (0 to 1), drawn by hashing --seed with each step's key. Default 0.25.",
            DefaultValueFactory = _ => 0.25,
        };
        var seed = new Option<string>("--seed") { Description = "Seed of the draw; the same seed picks the same steps.", DefaultValueFactory = _ => "0" };
        var kinds = new Option<string?>("--kinds") { Description = "Step kinds always recomputed, separated by ';' or ',' (e.g. train;report)." };
        var expected = new Option<string?>("--expected") { Description = "The committed results.json the build's results must match." };
        var results = new Option<string?>("--results") { Description = "The build's results.json (default: results/results.json beside the project)." };
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Largest absolute difference allowed in a metric's mean and interval bounds. Default 1e-9.",
            DefaultValueFactory = _ => 1e-9,
        };
        var project = new Option<string?>("--project") { Description = "The experiment's project file, named in error lines." };
        var store = CacheStoreOption.Create();
        var command = new Command("verify",
            "Verify a built experiment: with model calls replay-only, recompute a sample of its steps and compare their outputs " +
            "byte for byte with the stored ones, then compare its results with committed ones within a tolerance. Exits 1 " +
            "with one line per difference.")
        {
            steps, sample, seed, kinds, expected, results, tolerance, project, store,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var fraction = parse.GetValue(sample);
            if (fraction is < 0 or > 1 || double.IsNaN(fraction))
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: --sample (SkillMixVerifySample) is {fraction.ToString(CultureInfo.InvariantCulture)}; give a fraction from 0 to 1.");
                return 2;
            }
            var stepsDirectory = Path.GetFullPath(parse.GetValue(steps)!);
            var projectFile = parse.GetValue(project) ?? stepsDirectory;
            var selection = new VerifySelection(fraction, parse.GetValue(seed) ?? "0",
                (parse.GetValue(kinds) ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .ToHashSet(StringComparer.Ordinal));
            var actual = parse.GetValue(results)
                ?? (parse.GetValue(project) is { } p ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(p))!, "results", "results.json") : null);
            var request = new VerifyRequest(stepsDirectory, selection, parse.GetValue(expected), actual, parse.GetValue(tolerance), projectFile);
            if (!StoreAccess.TryOpen(parse.GetValue(store), Console.Out, out var opened))
            {
                return 2;
            }
            var verifier = new StepVerifier(opened, StepCatalog.All(), Console.Out);
            return await verifier.RunAsync(request, cancellationToken);
        });
        return command;
    }
}
