using SkillMix.Core.Sampling;
using SkillMix.Training.Text;
using static TorchSharp.torch;

namespace SkillMix.Training.Training;

/// <summary>
/// Draws training batches: windows of the pretraining stream (every token learned), and conversations padded to the
/// longest in the batch with targets only on the answers (-1 elsewhere, which the loss ignores).
/// </summary>
internal sealed class Batches(int[] stream, IReadOnlyList<(int[] Tokens, bool[] Learn)> conversations, int blockSize)
{
    public const int Ignore = -1;

    public bool HasStream => stream.Length > 1;

    public bool HasConversations => conversations.Count > 0;

    /// <summary>A batch of <paramref name="rows"/> sequences; <paramref name="mixRows"/> of them are pretraining windows.</summary>
    public (Tensor X, Tensor Y) Next(SeededRandom random, int rows, int mixRows, Device device)
    {
        var picked = Enumerable.Range(0, HasConversations ? rows - mixRows : 0)
            .Select(_ => conversations[random.NextInt(conversations.Count)]).ToArray();
        var length = picked.Length > 0
            ? Math.Min(blockSize, picked.Max(c => c.Tokens.Length) - 1)
            : Math.Min(blockSize, stream.Length - 1);
        var x = new long[rows * length];
        var y = new long[rows * length];
        Array.Fill(x, Tokenizer.EndOfText);
        Array.Fill(y, Ignore);
        for (var r = 0; r < rows; r++)
        {
            if (r < picked.Length)
            {
                var (tokens, learn) = picked[r];
                for (var t = 0; t < Math.Min(length, tokens.Length - 1); t++)
                {
                    x[r * length + t] = tokens[t];
                    y[r * length + t] = learn[t + 1] ? tokens[t + 1] : Ignore;
                }
            }
            else
            {
                var start = random.NextInt(Math.Max(1, stream.Length - length));
                for (var t = 0; t < length && start + t + 1 < stream.Length; t++)
                {
                    x[r * length + t] = stream[start + t];
                    y[r * length + t] = stream[start + t + 1];
                }
            }
        }
        return (tensor(x, [rows, length], device: device), tensor(y, [rows, length], device: device)); // (B, T), (B, T)
    }
}
