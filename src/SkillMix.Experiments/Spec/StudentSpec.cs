using SkillMix.Experiments.Parameters;

namespace SkillMix.Experiments.Spec;

/// <summary>
/// The student: a backend name ("tinygpt" for the embedded TorchSharp student) and its training budget. The sizes of the
/// tiny student come from <paramref name="Preset"/>; <paramref name="Tokenizer"/> says whether its tokens are words or characters. The base student is pretrained for <paramref name="PretrainSteps"/>
/// on <paramref name="PlainSentences"/> plain sentences plus single-skill texts, then chat-tuned for
/// <paramref name="ChatSteps"/> on single-skill conversations, its learning rate warming up to <paramref name="LearningRate"/>
/// and decaying along a cosine to <see cref="PretrainDecay"/> of it; each fine-tune trains for <paramref name="FineTuneSteps"/>
/// at the constant <paramref name="FineTuneLearningRate"/> (by default the rate pretraining ended at: the paper fine-tunes
/// at 2e-5, about where its base models' pretraining schedules end). <paramref name="Training"/> is what both read.
/// An hf: student is found in <paramref name="ModelsDir"/> (SkillMixModelsDir) or the Hugging Face cache, and plan mode
/// checks its sampling memory against <paramref name="GpuMemoryGiB"/> (SkillMixGpuMemoryGiB); neither enters a key.
/// </summary>
public sealed record StudentSpec(
    string Backend,
    string Preset,
    string Tokenizer,
    int PretrainSteps,
    int FineTuneSteps,
    int ChatSteps,
    int PlainSentences,
    double LearningRate,
    double FineTuneLearningRate,
    TrainingSettings Training,
    string Device,
    double Temperature,
    int MaxNewTokens,
    string ModelsDir,
    double GpuMemoryGiB,
    SpecLocation Location)
{
    /// <summary>The fraction of its peak learning rate the base student's pretraining ends at, as LLM pretraining schedules do.</summary>
    public const double PretrainDecay = 0.1;
}
