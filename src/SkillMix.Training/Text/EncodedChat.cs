namespace SkillMix.Training.Text;

/// <summary>A conversation in token ids, with the positions the loss falls on (the answers' tokens and their EOS).</summary>
public sealed record EncodedChat(int[] Ids, bool[] Loss);
