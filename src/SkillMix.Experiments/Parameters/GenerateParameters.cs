namespace SkillMix.Experiments.Parameters;

/// <summary>
/// Generate: the teacher writes one two-turn conversation for each of <paramref name="Attempts"/> combinations of
/// <paramref name="K"/> skills and a topic. <paramref name="Setting"/> is the training set's name, written into every record.
/// </summary>
public sealed record GenerateParameters(
    WorldIdentity World,
    string Setting,
    string Teacher,
    int K,
    string Skills,
    string Topics,
    int Attempts,
    long Seed,
    string Template) : StepParameters;
