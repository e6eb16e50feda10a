using static TorchSharp.torch;

namespace SkillMix.Training.Model;

/// <summary>
/// Keys and values of every layer for a batch of sequences being sampled, preallocated to the longest length the batch
/// can reach. It lives outside the per-step dispose scopes and is disposed with the batch.
/// </summary>
internal sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    public KvCache(GptConfig config, long batch, long length, Device device, ScalarType dtype)
        : this(config.Layers, config.Heads, config.Embedding / config.Heads, batch, length, device, dtype)
    {
    }

    /// <summary>A cache of <paramref name="heads"/> key/value heads per layer (with grouped-query attention, fewer than the query heads).</summary>
    public KvCache(int layers, int heads, int headSize, long batch, long length, Device device, ScalarType dtype)
    {
        var shape = new[] { batch, heads, length, headSize };                  // (B, nkv, L, hs)
        _keys = Enumerable.Range(0, layers).Select(_ => zeros(shape, dtype, device)).ToArray();
        _values = Enumerable.Range(0, layers).Select(_ => zeros(shape, dtype, device)).ToArray();
        Bytes = 2L * layers * batch * heads * length * headSize * ElementSize(dtype);
    }

    /// <summary>Memory the cache holds.</summary>
    public long Bytes { get; }

    internal static int ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        _ => 1,
    };

    /// <summary>Stores the new keys and values at [start, start + T) and returns everything up to there.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, long start, Tensor k, Tensor v)
    {
        var t = k.shape[2];
        _keys[layer].narrow(2, start, t).copy_(k);
        _values[layer].narrow(2, start, t).copy_(v);
        return (_keys[layer].narrow(2, 0, start + t), _values[layer].narrow(2, 0, start + t)); // (B, nh, start + T, hs)
    }

    /// <summary>Keeps only the given rows (sequences still being sampled), so finished ones cost nothing.</summary>
    public void KeepRows(Tensor rows)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            var keys = _keys[i].index_select(0, rows);
            var values = _values[i].index_select(0, rows);
            _keys[i].Dispose();
            _values[i].Dispose();
            _keys[i] = keys.DetachFromDisposeScope();
            _values[i] = values.DetachFromDisposeScope();
        }
    }

    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values))
        {
            t.Dispose();
        }
    }
}
