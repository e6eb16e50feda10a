using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;

namespace SkillMix.Experiments;

/// <summary>From declared properties and items to written step files: read, resolve the world, check, plan, write.</summary>
public static class ExperimentPlanning
{
    public sealed record Result(IReadOnlyList<SpecError> Errors, IReadOnlyList<StepFile> Steps);

    public static Result Plan(IReadOnlyDictionary<string, string> properties, IReadOnlyList<DeclaredItem> items,
        string projectFile, Func<DeclaredItem, SpecLocation> locate, string stepsDirectory, string outputsDirectory)
    {
        var (spec, errors) = SpecReader.Read(properties, items, projectFile, locate);
        if (spec is null)
        {
            return new Result(errors, []);
        }
        var (world, worldErrors) = WorldResolver.Resolve(spec.World);
        if (world is null)
        {
            return new Result(worldErrors, []);
        }
        var checks = WorldChecks.Check(spec, world.World);
        if (checks.Count > 0)
        {
            return new Result(checks, []);
        }
        var plan = ExperimentPlanner.Plan(spec, world.World);
        var context = ExperimentPlanner.Context(spec);
        // The budget spans the experiment: a step adds up what its siblings' manifests beside it recorded.
        context["stepsDirectory"] = Path.GetFullPath(stepsDirectory);
        return new Result([], PlanWriter.Write(plan, spec.Name, context, stepsDirectory, outputsDirectory));
    }
}
