using System.CommandLine;
using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld;

namespace SkillMix.Cli.Commands;

/// <summary>skillmix world export: the offline world's skills, topics and split in SkillMix's world file format.</summary>
internal static class WorldExportCommand
{
    public const string FileName = "offline.world.json";

    public static Command Create()
    {
        var outDir = new Option<DirectoryInfo>("--out")
        {
            Description = $"Folder to write {FileName} into (created if missing).",
            Required = true,
        };
        var command = new Command("export", "Write the offline world (skills, topics, split) as a SkillMix world file.") { outDir };
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(outDir)!;
            Directory.CreateDirectory(folder.FullName);
            var path = Path.Combine(folder.FullName, FileName);
            WorldFile.Write(CheckableWorld.Default.World, path);
            parseResult.InvocationConfiguration.Output.WriteLine(path);
            return 0;
        });
        return command;
    }
}
