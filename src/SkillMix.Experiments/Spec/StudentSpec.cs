namespace SkillMix.Experiments.Spec;

/// <summary>
/// The student: a backend name ("tinygpt" for the embedded TorchSharp student) and its training budget. The sizes of the
/// tiny student come from <paramref name="Preset"/>; the step counts and sampling settings override it.
/// </summary>
public sealed record StudentSpec(
    string Backend,
    string Preset,
    int PretrainSteps,
    int FineTuneSteps,
    double PretrainMix,
    string Device,
    double Temperature,
    int MaxNewTokens,
    SpecLocation Location);
