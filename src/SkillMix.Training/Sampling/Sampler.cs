using SkillMix.Core.Sampling;
using SkillMix.Training.Model;
using SkillMix.Training.Text;
using static TorchSharp.torch;

namespace SkillMix.Training.Sampling;

/// <summary>
/// Batched sampling with a KV cache. Prompts are left-padded to a common length with per-sequence positions, so every
/// sequence sees itself exactly as it would alone; pads are masked out of attention. Each request draws from its own
/// seeded stream on the CPU, so what it samples does not depend on the other requests in the batch (up to the floating
/// point of batched matrix products). Finished sequences are dropped from the batch as it goes.
/// </summary>
internal static class Sampler
{
    private static readonly HashSet<int> StopTokens =
        [Tokenizer.EndOfTurn, Tokenizer.EndOfText, Tokenizer.User, Tokenizer.Assistant, Tokenizer.System];

    /// <summary>
    /// Samples every request; <paramref name="stopTokens"/> (default: every marker of the tiny GPT's tokenizer) end an
    /// answer; <paramref name="padToken"/> fills the left of shorter prompts (any id: pads are masked out).
    /// </summary>
    public static SampleResult[] Generate(
        IKvDecoder model, IReadOnlyList<SampleRequest> requests, bool useKvCache = true, IReadOnlySet<int>? stopTokens = null,
        int padToken = Tokenizer.EndOfText)
    {
        stopTokens ??= StopTokens;
        if (requests.Count == 0)
        {
            return [];
        }
        var block = (int)Math.Min(model.ContextLength, int.MaxValue);
        var device = model.Device;
        // A prompt longer than the context keeps its end, leaving room for at least one new token.
        var prompts = requests.Select(r => r.Prompt.Length < block ? r.Prompt : r.Prompt[^(block - 1)..]).ToArray();
        var caps = requests.Select((r, i) => Math.Max(0, Math.Min(r.MaxNewTokens, block - prompts[i].Length))).ToArray();
        var generated = requests.Select(_ => new List<int>()).ToArray();
        var stopped = new bool[requests.Count];
        var width = prompts.Max(p => p.Length);
        var length = width + Math.Max(1, caps.Max());
        var active = Enumerable.Range(0, requests.Count).Where(i => caps[i] > 0).ToList();
        if (active.Count == 0)
        {
            return prompts.Select(p => new SampleResult([], false, p.Length)).ToArray();
        }

        using var _ = no_grad();
        model.Evaluate();
        var cache = useKvCache ? model.NewCache(active.Count, length) : null;
        try
        {
            var rows = active.ToArray();
            float[] logits;
            using (var scope = NewDisposeScope())
            {
                logits = Prefill(model, cache, rows.Select(i => prompts[i]).ToArray(), width, padToken);
            }
            for (var step = 0; active.Count > 0; step++)
            {
                var vocab = logits.Length / rows.Length;
                foreach (var (row, i) in rows.Select((r, k) => (r, k)))
                {
                    var token = Pick(logits.AsSpan(i * vocab, vocab), requests[row].Temperature, requests[row].Random, requests[row].TopP);
                    if (stopTokens.Contains(token))
                    {
                        stopped[row] = true;
                        active.Remove(row);
                        continue;
                    }
                    generated[row].Add(token);
                    if (generated[row].Count >= caps[row])
                    {
                        active.Remove(row);
                    }
                }
                if (active.Count == 0)
                {
                    break;
                }
                using var scope = NewDisposeScope();
                if (cache is not null)
                {
                    if (active.Count < rows.Length)
                    {
                        cache.KeepRows(tensor(active.Select(r => (long)Array.IndexOf(rows, r)).ToArray(), device: device));
                    }
                    rows = active.ToArray();
                    logits = Step(model, cache, rows.Select(r => (prompts[r].Length, generated[r][^1])).ToArray(), width, step, device);
                }
                else
                {
                    rows = active.ToArray();
                    logits = Prefill(model, null, rows.Select(r => prompts[r].Concat(generated[r]).ToArray()).ToArray(),
                        width + step + 1, padToken);
                }
            }
        }
        finally
        {
            cache?.Dispose();
        }
        return requests.Select((r, i) => new SampleResult(generated[i].ToArray(), stopped[i], prompts[i].Length)).ToArray();
    }

    // Runs left-padded sequences of a common width through the model from position 0; returns the last logits per row.
    private static float[] Prefill(IKvDecoder model, KvCache? cache, int[][] sequences, int width, int padToken)
    {
        var device = model.Device;
        var b = sequences.Length;
        var ids = new long[b * width];
        var positions = new long[b * width];
        var pads = new long[b];
        for (var r = 0; r < b; r++)
        {
            pads[r] = width - sequences[r].Length;
            for (var t = 0; t < width; t++)
            {
                var j = t - pads[r];
                ids[r * width + t] = j >= 0 ? sequences[r][j] : padToken;
                positions[r * width + t] = Math.Max(0, j);
            }
        }
        var idx = tensor(ids, [b, width], device: device);                       // (B, T)
        var pos = tensor(positions, [b, width], device: device);                 // (B, T)
        var keys = arange(width, device: device).unsqueeze(0);                   // (1, T)
        var queries = arange(width, device: device).unsqueeze(1);                // (T, 1)
        var real = keys.ge(tensor(pads, device: device).unsqueeze(1));           // (B, T) key is not padding
        // A query sees earlier real keys; a pad query also sees itself, so no row of the softmax is empty.
        var mask = real.unsqueeze(1).logical_and(keys.le(queries)).logical_or(keys.eq(queries)); // (B, T, T)
        var own = cache ?? model.NewCache(b, width);
        try
        {
            return model.Decode(idx, pos, own, 0, mask.unsqueeze(1)).to(float32).cpu().data<float>().ToArray(); // (B, V)
        }
        finally
        {
            if (cache is null)
            {
                own.Dispose();
            }
        }
    }

    // One new token per row at cache position width + step; each row's own position is its prompt length + step.
    private static float[] Step(IKvDecoder model, KvCache cache, (int PromptLength, int Token)[] rows, int width, int step, Device device)
    {
        var b = rows.Length;
        var start = width + step;
        var idx = tensor(rows.Select(r => (long)r.Token).ToArray(), [b, 1], device: device);              // (B, 1)
        var pos = tensor(rows.Select(r => (long)(r.PromptLength + step)).ToArray(), [b, 1], device: device); // (B, 1)
        var pads = tensor(rows.Select(r => (long)(width - r.PromptLength)).ToArray(), device: device);    // (B)
        var mask = arange(start + 1, device: device).unsqueeze(0).ge(pads.unsqueeze(1));                 // (B, start + 1)
        return model.Decode(idx, pos, cache, start, mask.view(b, 1, 1, start + 1)).to(float32).cpu().data<float>().ToArray(); // (B, V)
    }

    /// <summary>
    /// Draws a token from softmax(logits / temperature) with the request's own stream; temperature 0 is greedy. With
    /// <paramref name="topP"/> below 1, only the smallest set of most likely tokens whose probability reaches topP is kept
    /// (nucleus sampling), renormalised.
    /// </summary>
    public static int Pick(ReadOnlySpan<float> logits, double temperature, SeededRandom random, double topP = 1.0)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            best = logits[i] > logits[best] ? i : best;
        }
        if (temperature <= 0)
        {
            return best;
        }
        var weights = new double[logits.Length];
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            weights[i] = Math.Exp((logits[i] - logits[best]) / temperature);
            total += weights[i];
        }
        if (topP < 1)
        {
            total = KeepNucleus(weights, total, topP);
        }
        var u = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }
        return best;
    }

    // Zeroes every weight outside the nucleus; ties in weight keep the lower id first, so the set is deterministic.
    private static double KeepNucleus(double[] weights, double total, double topP)
    {
        var order = Enumerable.Range(0, weights.Length).OrderByDescending(i => weights[i]).ThenBy(i => i).ToArray();
        var kept = 0.0;
        var k = 0;
        while (k < order.Length && (k == 0 || kept < topP * total))
        {
            kept += weights[order[k++]];
        }
        for (; k < order.Length; k++)
        {
            weights[order[k]] = 0;
        }
        return kept;
    }
}
