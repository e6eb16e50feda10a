using System.CommandLine;
using SkillMix.Steps.Preflight;
using SkillMix.Steps;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary>`skillmix step run`: what the MSBuild SDK calls for every step of an experiment.</summary>
internal static class StepCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("step-files")
        {
            Description = "Step files written by the SkillMix.Sdk planner (obj/skillmix/steps/<step>.json), run in the order given.",
            Arity = ArgumentArity.OneOrMore,
        };
        var store = new Option<string?>("--store")
        {
            Description = "The step store folder. Default: $SKILLMIX_STORE, else $XDG_CACHE_HOME/skillmix/store, else ~/.cache/skillmix/store.",
        };
        var remote = new RemoteCacheCommandOptions();
        var run = new Command("run", "Bring steps up to date: restore each from the store (or the remote cache), or run it and save it there.")
        {
            files,
            store,
        };
        remote.AddTo(run);
        run.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (!StoreAccess.TryOpen(parse.GetValue(store), output, out var opened))
            {
                return 1;
            }
            var runner = new StepRunner(opened, StepCatalog.All(), output, remote.Create(parse, output));
            return await runner.RunAsync(parse.GetValue(files) ?? [], cancellationToken);
        });
        var checkFiles = new Argument<string[]>("step-files")
        {
            Description = "Step files about to be built.",
            Arity = ArgumentArity.OneOrMore,
        };
        var checkStore = new Option<string?>("--store") { Description = "The step store (a stored step needs no model)." };
        var check = new Command("check", "Before a build: every step that will call a model has its key set and a student this version can run.")
        {
            checkFiles,
            checkStore,
        };
        check.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return StoreAccess.TryOpen(parse.GetValue(checkStore), output, out var opened)
                ? StepCheck.Run(parse.GetValue(checkFiles) ?? [], opened, output)
                : 1;
        });
        return new Command("step", "Run the steps of an experiment (called by the SkillMix.Sdk build targets).") { run, check };
    }
}
