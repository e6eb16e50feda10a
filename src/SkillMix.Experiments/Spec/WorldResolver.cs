using System.Text.Json.Nodes;
using SkillMix.Core;
using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld;
using SkillMix.OfflineWorld.Skills;

namespace SkillMix.Experiments.Spec;

/// <summary>Builds the world an experiment declares: the embedded offline world, or a Skill-Mix catalog from files.</summary>
public static class WorldResolver
{
    public static (ResolvedWorld? World, IReadOnlyList<SpecError> Errors) Resolve(WorldSpec spec)
    {
        try
        {
            return spec.Name switch
            {
                "offline" => (ResolveOffline(spec), []),
                "skillmix" => (ResolveSkillMix(spec), []),
                _ => (null, [new SpecError(ErrorCodes.UnknownWorld, $"World '{spec.Name}' is not known; use offline or skillmix.", spec.Location)]),
            };
        }
        catch (SkillMixDataException e)
        {
            return (null, [new SpecError(ErrorCodes.WorldFile, e.Message, new SpecLocation(e.File, e.Line ?? 0))]);
        }
        catch (ArgumentException e)
        {
            return (null, [new SpecError(ErrorCodes.InvalidValue, e.Message, spec.Location)]);
        }
    }

    private static ResolvedWorld ResolveSkillMix(WorldSpec spec)
    {
        if (spec.SkillCount > 0 || spec.TopicCount > 0)
        {
            throw new ArgumentException("WorldSkillCount and WorldTopicCount scale the offline world only; remove them for World 'skillmix'.");
        }
        var world = SkillMixCatalog.Load(spec.SkillsFile!, spec.TopicsFile!, null, string.Join(";", spec.TrainCategories), spec.TopicSplitSeed);
        return new ResolvedWorld(world, null);
    }

    private static ResolvedWorld ResolveOffline(WorldSpec spec)
    {
        if (spec.SkillsFile is not null || spec.TopicsFile is not null)
        {
            throw new ArgumentException("WorldSkills and WorldTopics are for World 'skillmix'; the offline world has its own skills and topics.");
        }
        if (!spec.TrainCategories.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(
                SkillCatalog.TrainCategories.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"TrainCategories of the offline world are {string.Join(";", SkillCatalog.TrainCategories)} (the paper's split); remove the property.");
        }
        var skills = spec.SkillCount > 0 ? BalancedSkills(spec.SkillCount) : null;
        var offline = CheckableWorld.Create(new OfflineWorldOptions(
            Skills: skills, TopicCount: spec.TopicCount > 0 ? spec.TopicCount : null, TopicSplitSeed: spec.TopicSplitSeed));
        return new ResolvedWorld(offline.World, offline);
    }

    // A smaller offline world keeps every category: skills are taken from the categories in turn, in catalog order.
    private static IReadOnlyList<string> BalancedSkills(int count)
    {
        var queues = CheckableWorld.Default.Skills.GroupBy(s => s.Category).Select(g => new Queue<string>(g.Select(s => s.Name))).ToList();
        if (count > CheckableWorld.Default.Skills.Count)
        {
            throw new ArgumentException($"WorldSkillCount {count} is more than the {CheckableWorld.Default.Skills.Count} skills of the offline world.");
        }
        var chosen = new List<string>(count);
        while (chosen.Count < count)
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                if (chosen.Count < count)
                {
                    chosen.Add(queue.Dequeue());
                }
            }
        }
        return chosen;
    }

    /// <summary>The world part of a step file's context (written by <see cref="Planning.ExperimentPlanner.Context"/>).</summary>
    public static WorldSpec FromContext(JsonObject context)
    {
        var world = context["world"]?.AsObject() ?? throw new InvalidDataException("The step file's context has no world.");
        return new WorldSpec(
            world["name"]!.GetValue<string>(),
            world["skillsFile"]?.GetValue<string>(),
            world["topicsFile"]?.GetValue<string>(),
            world["trainCategories"]!.AsArray().Select(c => c!.GetValue<string>()).ToList(),
            world["topicSplitSeed"]!.GetValue<long>(),
            world["skillCount"]!.GetValue<int>(),
            world["topicCount"]!.GetValue<int>(),
            new SpecLocation(context["projectFile"]?.GetValue<string>() ?? ""));
    }
}
