using SkillMix.Training.Model;
using SkillMix.Training.Text;

namespace SkillMix.Training.Checkpoints;

/// <summary>config.json beside a checkpoint's model.safetensors: everything needed to rebuild the student.</summary>
public sealed record CheckpointConfig
{
    public const string CurrentFormat = "skillmix-student/2";

    /// <summary>The layout of the checkpoint folder; a reader refuses any other.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The model's size, with the vocabulary size of its tokenizer.</summary>
    public GptConfig Model { get; init; } = new();

    /// <summary>What the tokenizer's pieces are: words (with a character fallback) or characters.</summary>
    public TokenizerKind Tokenizer { get; init; } = TokenizerKind.Word;

    /// <summary>The tokenizer's pieces after the markers, in id order.</summary>
    public IReadOnlyList<string> Vocabulary { get; init; } = [];

    /// <summary>The chat template the student was fine-tuned with; sampling uses it unless told otherwise.</summary>
    public ChatTemplateKind Template { get; init; } = ChatTemplateKind.Compact;
}
