namespace SkillMix.Experiments.Parameters;

/// <summary>
/// Sample: the student answers <paramref name="Generations"/> times for each of <paramref name="Combinations"/>
/// combinations at each k in <paramref name="K"/> of the evaluation <paramref name="Setting"/>. A local student samples
/// with TorchSharp in the numerics <paramref name="SkillMixNumerics"/> (NumericsKey.KeyText); an API student has none, so
/// its key does not change with that property. For an hf: student whose base model is sampled,
/// <paramref name="StudentCheckpoint"/> is the checkpoint's content hash (its folder is in the step file's context, not
/// the key); absent for every other student, so their keys are unchanged.
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
    string? SkillMixNumerics = null,
    string? StudentCheckpoint = null) : StepParameters;
