using System.CommandLine;
using System.Globalization;
using SkillMix.Core.Prompts;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld;
using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.Cli.Commands;

/// <summary>
/// skillmix world show: the skills table (name, category, side, definition, example, how it is checked), then sample
/// teacher texts for a k, seed and setting, each with the offline grader's points, so a person can judge the world.
/// </summary>
internal static class WorldShowCommand
{
    public static Command Create()
    {
        var k = new Option<int>("--k") { Description = "Skills per sample text.", DefaultValueFactory = _ => 2 };
        var seed = new Option<long>("--seed") { Description = "Seed of the combinations and of the teacher.", DefaultValueFactory = _ => 1 };
        var count = new Option<int>("--count") { Description = "Sample texts to write (0 prints only the skills).", DefaultValueFactory = _ => 5 };
        var setting = new Option<string>("--setting")
        {
            Description = "Skills and topics to draw from: train, held-out or all.",
            DefaultValueFactory = _ => "all",
        };
        var perfect = new Option<bool>("--no-failures") { Description = "Turn the teacher's failure model off." };
        var command = new Command("show", "Print the offline world's skills and sample teacher texts with their grades.")
        {
            k, seed, count, setting, perfect,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!PoolNames.TryParse(parseResult.GetValue(setting), out var pool))
            {
                error.WriteLine($"error: --setting '{parseResult.GetValue(setting)}' is not a setting; use train, held-out or all.");
                return 2;
            }
            var world = CheckableWorld.Default;
            var kValue = parseResult.GetValue(k);
            var skills = world.World.SkillsIn(pool).Count;
            if (kValue < 1 || kValue > skills)
            {
                error.WriteLine($"error: --k {kValue} is out of range; the {pool.ToName()} setting has {skills} skills, so use 1 to {skills}.");
                return 2;
            }
            if (parseResult.GetValue(count) < 0)
            {
                error.WriteLine("error: --count must be 0 or more.");
                return 2;
            }
            WriteSkills(output, world);
            var failures = parseResult.GetValue(perfect) ? FailureModel.None : FailureModel.Default;
            WriteSamples(output, world, failures, pool, kValue, parseResult.GetValue(count), parseResult.GetValue(seed));
            return 0;
        });
        return command;
    }

    private static void WriteSkills(TextWriter output, CheckableWorld world)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The offline world: {world.Skills.Count} skills, {world.Topics.Count} topics ({world.World.TrainTopics.Count} train, {world.World.HeldOutTopics.Count} held out)."));
        output.WriteLine();
        output.WriteLine("| Skill | Category | Side | Definition | Example | Checked by |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var skill in world.Skills)
        {
            output.WriteLine($"| {skill.Name} | {skill.Category} | {world.World.SideOf(skill.ToSkill()).ToName()} | {skill.Definition} | {skill.Example} | {skill.HowChecked} |");
        }
        output.WriteLine();
        output.WriteLine("Train topics: " + string.Join(", ", world.World.TrainTopics));
        output.WriteLine("Held-out topics: " + string.Join(", ", world.World.HeldOutTopics));
    }

    private static void WriteSamples(TextWriter output, CheckableWorld world, FailureModel failures, Pool pool, int k, int count, long seed)
    {
        var teacher = world.Teacher(failures);
        var grader = world.Grader();
        var limit = SentenceLimit.For(k);
        foreach (var c in CombinationSampler.Sample(world.World, pool, pool, k, count, seed))
        {
            var composition = teacher.Compose(c.Skills, c.Topic, limit, seed, repeat: 1);
            var verdict = grader.Grade(c.Skills, c.Topic, limit, composition.Text);
            output.WriteLine();
            output.WriteLine($"[{c.Index + 1}] {string.Join(", ", c.Skills)} | {c.Topic} | at most {SentenceLimit.InWords(limit)}");
            output.WriteLine("  " + composition.Text);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  points {string.Join(" ", verdict.Points)} = {verdict.Points.Sum()}/{verdict.Points.Count}{(verdict.FullMarks ? " (full marks)" : "")}"));
            foreach (var (reason, point) in verdict.Reasons.Zip(verdict.Points).Where(r => r.Second == 0))
            {
                output.WriteLine("  0: " + reason);
            }
        }
    }
}
