using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// Writes one safetensors file straight from tensors, one tensor at a time, so a multi-gigabyte shard never sits in managed
/// memory (<see cref="SafeTensors.Write"/> takes byte arrays, which suits small files). The header layout is the same:
/// tensors in name order, the JSON padded with spaces to a multiple of 8.
/// </summary>
internal static class SafeTensorsStreamWriter
{
    /// <summary>Writes <paramref name="tensors"/> converted to <paramref name="type"/>; returns the bytes of tensor data.</summary>
    public static long Write(string path, IReadOnlyList<(string Name, Tensor Tensor)> tensors, ScalarType type, IReadOnlyDictionary<string, string> metadata)
    {
        var ordered = tensors.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        var header = new JsonObject();
        if (metadata.Count > 0)
        {
            header["__metadata__"] = new JsonObject(metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }
        long offset = 0;
        var size = TensorBytes.ElementSize(type);
        foreach (var (name, tensor) in ordered)
        {
            var bytes = tensor.numel() * size;
            header[name] = new JsonObject
            {
                ["dtype"] = TensorBytes.DTypeName(type),
                ["shape"] = new JsonArray(tensor.shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        stream.Write(Enumerable.Repeat((byte)' ', padded - json.Length).ToArray());
        foreach (var (_, tensor) in ordered)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var cpu = tensor.detach().to(type).cpu().contiguous();
            stream.Write(cpu.bytes);
        }
        stream.Flush(flushToDisk: true);
        return offset;
    }
}
