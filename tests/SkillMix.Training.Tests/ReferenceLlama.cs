namespace SkillMix.Training.Tests;

/// <summary>
/// An independent LLaMA written from the architecture's definition with plain loops in double precision: no cache, no
/// batching, no TorchSharp; each step recomputes the whole sequence. Slow and obviously right, for comparison only.
/// </summary>
internal static class ReferenceLlama
{
    /// <summary>Greedy continuation of a prompt, with the logits that chose each token.</summary>
    public static (int[] Ids, double[][] Logits) Greedy(RandomLlama m, int[] prompt, int steps, int eos = 2)
    {
        var tokens = prompt.ToList();
        var ids = new List<int>();
        var logits = new List<double[]>();
        for (var s = 0; s < steps; s++)
        {
            var last = LastLogits(m, tokens.ToArray());
            var best = Array.IndexOf(last, last.Max());
            if (best == eos)
            {
                break;
            }
            logits.Add(last);
            ids.Add(best);
            tokens.Add(best);
        }
        return (ids.ToArray(), logits.ToArray());
    }

    public static double[] LastLogits(RandomLlama m, int[] tokens)
    {
        int t = tokens.Length, d = m.Hidden, nh = m.Heads, nkv = m.KvHeads, hd = d / nh, group = nh / nkv;
        var x = tokens.Select(id => Row(m, "model.embed_tokens.weight", id)).ToArray();
        for (var l = 0; l < m.Layers; l++)
        {
            var p = $"model.layers.{l}.";
            var h = x.Select(v => RmsNorm(v, W(m, p + "input_layernorm.weight"), m.Eps)).ToArray();
            var q = h.Select((v, pos) => Rotate(MatVec(m, p + "self_attn.q_proj.weight", v), pos, hd, m.Theta)).ToArray();
            var k = h.Select((v, pos) => Rotate(MatVec(m, p + "self_attn.k_proj.weight", v), pos, hd, m.Theta)).ToArray();
            var val = h.Select(v => MatVec(m, p + "self_attn.v_proj.weight", v)).ToArray();
            for (var i = 0; i < t; i++)
            {
                var y = new double[nh * hd];
                for (var head = 0; head < nh; head++)
                {
                    var kvHead = head / group;
                    var scores = new double[i + 1];
                    for (var j = 0; j <= i; j++)
                    {
                        for (var c = 0; c < hd; c++)
                        {
                            scores[j] += q[i][head * hd + c] * k[j][kvHead * hd + c];
                        }
                        scores[j] /= Math.Sqrt(hd);
                    }
                    var max = scores.Max();
                    var weights = scores.Select(s => Math.Exp(s - max)).ToArray();
                    var total = weights.Sum();
                    for (var j = 0; j <= i; j++)
                    {
                        for (var c = 0; c < hd; c++)
                        {
                            y[head * hd + c] += weights[j] / total * val[j][kvHead * hd + c];
                        }
                    }
                }
                x[i] = Add(x[i], MatVec(m, p + "self_attn.o_proj.weight", y));
            }
            for (var i = 0; i < t; i++)
            {
                var n = RmsNorm(x[i], W(m, p + "post_attention_layernorm.weight"), m.Eps);
                var gate = MatVec(m, p + "mlp.gate_proj.weight", n);
                var up = MatVec(m, p + "mlp.up_proj.weight", n);
                var act = gate.Select((g, c) => g / (1 + Math.Exp(-g)) * up[c]).ToArray();
                x[i] = Add(x[i], MatVec(m, p + "mlp.down_proj.weight", act));
            }
        }
        var final = RmsNorm(x[^1], W(m, "model.norm.weight"), m.Eps);
        return MatVec(m, m.Tied ? "model.embed_tokens.weight" : "lm_head.weight", final);
    }

    private static float[] W(RandomLlama m, string name) => m.Weights[name].Values;

    private static double[] Row(RandomLlama m, string name, int row)
    {
        var cols = (int)m.Weights[name].Shape[1];
        return W(m, name).Skip(row * cols).Take(cols).Select(v => (double)v).ToArray();
    }

    private static double[] MatVec(RandomLlama m, string name, double[] v)
    {
        var (shape, w) = m.Weights[name];
        var y = new double[shape[0]];
        for (var o = 0; o < shape[0]; o++)
        {
            for (var i = 0; i < shape[1]; i++)
            {
                y[o] += w[o * shape[1] + i] * v[i];
            }
        }
        return y;
    }

    private static double[] RmsNorm(double[] v, float[] weight, double eps)
    {
        var scale = 1 / Math.Sqrt(v.Sum(a => a * a) / v.Length + eps);
        return v.Select((a, i) => a * scale * weight[i]).ToArray();
    }

    // Rotary embedding at position pos in the rotate-half layout: coordinate c of a head pairs with c + hd/2.
    private static double[] Rotate(double[] v, int pos, int hd, double theta)
    {
        var r = (double[])v.Clone();
        for (var head = 0; head < v.Length / hd; head++)
        {
            for (var i = 0; i < hd / 2; i++)
            {
                var angle = pos * Math.Pow(theta, -2.0 * i / hd);
                var (a, b) = (v[head * hd + i], v[head * hd + i + hd / 2]);
                r[head * hd + i] = a * Math.Cos(angle) - b * Math.Sin(angle);
                r[head * hd + i + hd / 2] = b * Math.Cos(angle) + a * Math.Sin(angle);
            }
        }
        return r;
    }

    private static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();
}
