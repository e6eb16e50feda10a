using System.CommandLine;

namespace SkillMix.Cli.Commands;

/// <summary>skillmix world: look at the offline world (show) or write it in SkillMix's world format (export).</summary>
internal static class WorldCommand
{
    public static Command Create() => new("world", "Inspect the offline world: its skills, topics, and sample teacher texts with their grades.")
    {
        WorldShowCommand.Create(),
        WorldExportCommand.Create(),
    };
}
