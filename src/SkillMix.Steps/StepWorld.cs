using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;

namespace SkillMix.Steps;

/// <summary>The world a step runs in, rebuilt from the step's context and checked against the identity in its key.</summary>
internal static class StepWorld
{
    public static ResolvedWorld Load(StepFile step, WorldIdentity planned)
    {
        var spec = WorldResolver.FromContext(step.Context);
        var (world, errors) = WorldResolver.Resolve(spec);
        if (world is null)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, errors.Select(e => e.Message)));
        }
        var expected = planned.Identity;
        if (world.World.Identity != expected)
        {
            throw new InvalidDataException(
                $"the world '{spec.Name}' is not the one this step was planned with (identity {world.World.Identity[..12]}, planned {expected[..Math.Min(12, expected.Length)]}); its files changed since the plan. Build the experiment again.");
        }
        return world;
    }
}
