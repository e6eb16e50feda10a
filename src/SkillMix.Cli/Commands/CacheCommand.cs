using System.CommandLine;

namespace SkillMix.Cli.Commands;

/// <summary><c>skillmix cache</c>: inspect and maintain the step store (list, explain, verify, prune).</summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var command = new Command("cache",
            "Inspect and maintain the step store, where every finished step's outputs are kept by key so builds restore " +
            "them instead of running the step again.");
        command.Subcommands.Add(CacheListCommand.Create());
        command.Subcommands.Add(CacheExplainCommand.Create());
        command.Subcommands.Add(CacheVerifyCommand.Create());
        command.Subcommands.Add(CachePruneCommand.Create());
        command.Subcommands.Add(CachePushCommand.Create());
        return command;
    }
}
