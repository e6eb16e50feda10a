namespace SkillMix.Experiments.Spec;

/// <summary>
/// The student: a backend name ("tinygpt" for the embedded TorchSharp student) and its training budget. The sizes of the
/// tiny student come from <paramref name="Preset"/>; <paramref name="Tokenizer"/> says whether its tokens are words or characters. The base student is pretrained for <paramref name="PretrainSteps"/>
/// on <paramref name="PlainSentences"/> plain sentences plus single-skill texts, then chat-tuned for
/// <paramref name="ChatSteps"/> on single-skill conversations; each fine-tune trains for <paramref name="FineTuneSteps"/>.
/// </summary>
public sealed record StudentSpec(
    string Backend,
    string Preset,
    string Tokenizer,
    int PretrainSteps,
    int FineTuneSteps,
    int ChatSteps,
    int PlainSentences,
    int BatchSize,
    double LearningRate,
    double PretrainMix,
    string Device,
    double Temperature,
    int MaxNewTokens,
    SpecLocation Location);
