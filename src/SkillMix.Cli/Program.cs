using System.CommandLine;
using SkillMix.Cli.Commands;

var root = new RootCommand("skillmix: run and inspect Skill-Mix experiments (generate, train, evaluate, report).");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();
