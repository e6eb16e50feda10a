using SkillMix.Training.Text;

namespace SkillMix.Training.Training;

/// <summary>
/// What a student learns from: plain texts (pretraining, and the mix-in while fine-tuning) and conversations
/// (supervised fine-tuning). With no conversations, training is pretraining on the texts.
/// </summary>
public sealed record TrainingData(IReadOnlyList<string> Texts, IReadOnlyList<Conversation> Conversations);
