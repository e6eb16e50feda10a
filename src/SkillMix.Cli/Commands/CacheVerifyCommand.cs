using System.CommandLine;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary><c>skillmix cache verify</c>: re-hash everything, remove what is damaged, fail if anything was.</summary>
internal static class CacheVerifyCommand
{
    public static Command Create()
    {
        var store = CacheStoreOption.Create();
        var command = new Command("verify",
            "Re-hash every blob and check every manifest of the step store. Damaged entries (a blob that does not match " +
            "its hash, a missing blob, an unreadable manifest) are reported and removed, so their steps run again on the " +
            "next build. Exits with 2 if anything was damaged, 0 if all was well.");
        command.Options.Add(store);
        command.SetAction(parse => CacheStoreOption.Run(parse, store, Verify));
        return command;
    }

    private static int Verify(StepStore store, TextWriter output)
    {
        var report = store.Verify();
        foreach (var problem in report.Problems)
        {
            output.WriteLine(problem);
        }
        var checkedWhat = $"{report.EntriesChecked} entries and {report.BlobsChecked} blobs ({CacheUnits.FormatSize(report.BytesHashed)})";
        if (report.Clean)
        {
            output.WriteLine($"Checked {checkedWhat} in {store.Root}: all intact.");
            return 0;
        }
        output.WriteLine(
            $"Checked {checkedWhat} in {store.Root}: found {report.Problems.Count} problems and removed the damaged " +
            "entries; their steps will run again on the next build.");
        return 2;
    }
}
