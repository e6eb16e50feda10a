using SkillMix.Core.Worlds;

namespace SkillMix.Experiments.Spec;

/// <summary>The checks that need the world itself: every k must fit the skill pool it draws from, every pool must be non-empty.</summary>
public static class WorldChecks
{
    public static IReadOnlyList<SpecError> Check(ExperimentSpec spec, World world)
    {
        var errors = new List<SpecError>();
        void CheckDraw(string what, int k, Pool skills, Pool topics, SpecLocation at)
        {
            var pool = world.SkillsIn(skills).Count;
            if (k > pool)
            {
                errors.Add(new SpecError(ErrorCodes.KOutOfRange,
                    $"{what}: k = {k} is larger than the {pool} {skills.ToName()} skills of world '{world.Name}'; choose k <= {pool}.", at));
            }
            if (world.TopicsIn(topics).Count == 0)
            {
                errors.Add(new SpecError(ErrorCodes.InvalidValue,
                    $"{what}: world '{world.Name}' has no {topics.ToName()} topics; choose another Topics pool.", at));
            }
        }
        foreach (var set in spec.TrainingSets)
        {
            CheckDraw($"TrainingSet '{set.Name}'", set.K, set.Skills, set.Topics, set.Location);
        }
        foreach (var evaluation in spec.Evaluations)
        {
            foreach (var k in evaluation.Ks)
            {
                CheckDraw($"Evaluation '{evaluation.Name}'", k, evaluation.Skills, evaluation.Topics, evaluation.Location);
            }
        }
        return errors;
    }
}
