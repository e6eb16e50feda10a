using System.CommandLine;
using SkillMix.Cli.Steps;
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
            var runner = new StepRunner(StepStore.Open(parse.GetValue(store)), StepCatalog.All(), Console.Out, remote.Create(parse, Console.Out));
            return await runner.RunAsync(parse.GetValue(files) ?? [], cancellationToken);
        });
        return new Command("step", "Run the steps of an experiment (called by the SkillMix.Sdk build targets).") { run };
    }
}
