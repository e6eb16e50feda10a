namespace SkillMix.Experiments.Parameters;

/// <summary>
/// Sample: the student answers <paramref name="Generations"/> times for each of <paramref name="Combinations"/>
/// combinations at each k in <paramref name="K"/> of the evaluation <paramref name="Setting"/>. A local student samples
/// with TorchSharp in the numerics <paramref name="SkillMixNumerics"/> (NumericsKey.KeyText); an API student has none, so
/// its key does not change with that property.
/// </summary>
public sealed record SampleParameters(
    WorldIdentity World,
    string Setting,
    string Student,
    IReadOnlyList<int> K,
    string Skills,
    string Topics,
    int Combinations,
    int Generations,
    double Temperature,
    int MaxNewTokens,
    long Seed,
    string Template,
    string? SkillMixNumerics = null) : StepParameters;
