using System.CommandLine;

namespace SkillMix.Cli.Commands;

/// <summary>Every subcommand of skillmix; each lives in its own file and is listed here once.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return AggregateCommand.Create();
        yield return CacheCommand.Create();
        yield return DiffCommand.Create();
        yield return ModelsCommand.Create();
        yield return PlanCommand.Create();
        yield return StepCommand.Create();
        yield return StudentCommand.Create();
        yield return VerifyCommand.Create();
        yield return WorldCommand.Create();
    }
}
