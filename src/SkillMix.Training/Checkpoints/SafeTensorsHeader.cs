using SkillMix.Core.Checkpoints;
using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// The header of a safetensors file, read without its data: each tensor's dtype, shape and byte range. Tensors are then
/// streamed from the file into their destinations a few megabytes at a time, so a shard of many gigabytes never sits in
/// memory beside the model it fills.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private const int ChunkBytes = 4 << 20;

    private SafeTensorsHeader(string path, Dictionary<string, Entry> entries)
    {
        Path = path;
        Entries = entries;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, Entry> Entries { get; }

    /// <summary>One tensor: dtype ("F32", "BF16", ...), shape, and its absolute byte range in the file.</summary>
    public sealed record Entry(string DType, long[] Shape, long Offset, long Length);

    private static readonly Dictionary<string, (int Size, ScalarType Type)> DTypes = new(StringComparer.Ordinal)
    {
        ["F32"] = (4, ScalarType.Float32), ["F16"] = (2, ScalarType.Float16), ["BF16"] = (2, ScalarType.BFloat16),
    };

    /// <summary>Reads and checks the header: every range inside the file (a truncated file names its first cut tensor).</summary>
    public static SafeTensorsHeader Read(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> prefix = stackalloc byte[8];
        if (stream.Length < 8 || stream.Read(prefix) != 8)
        {
            throw Damaged(path, "it is shorter than the 8-byte header length");
        }
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)(stream.Length - 8) || headerLength > 100_000_000)
        {
            throw Damaged(path, $"its header length {headerLength} exceeds the file of {stream.Length} bytes (truncated?)");
        }
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var dataStart = 8 + (long)headerLength;
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(header);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    continue;
                }
                var dtype = property.Value.GetProperty("dtype").GetString()!;
                var shape = property.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
                {
                    throw Damaged(path, $"tensor '{property.Name}' has invalid data_offsets");
                }
                if (dataStart + offsets[1] > stream.Length)
                {
                    throw Damaged(path, $"tensor '{property.Name}' ends at byte {dataStart + offsets[1]}, past the end of the file ({stream.Length} bytes): the file is truncated");
                }
                var entry = new Entry(dtype, shape, dataStart + offsets[0], offsets[1] - offsets[0]);
                if (DTypes.TryGetValue(dtype, out var known) && shape.Aggregate(1L, (a, d) => a * d) * known.Size != entry.Length)
                {
                    throw Damaged(path, $"tensor '{property.Name}' holds {entry.Length} bytes, but {dtype} [{string.Join(", ", shape)}] needs {shape.Aggregate(1L, (a, d) => a * d) * known.Size}");
                }
                entries[property.Name] = entry;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw Damaged(path, "its header is not a valid safetensors header: " + e.Message);
        }
        return new SafeTensorsHeader(path, entries);
    }

    /// <summary>
    /// Streams one tensor into <paramref name="destination"/> (any device, a floating dtype, contiguous, same shape),
    /// converting F32/F16/BF16 to the destination's dtype chunk by chunk.
    /// </summary>
    public void CopyInto(FileStream stream, string name, Tensor destination)
    {
        var entry = Entries[name];
        if (!DTypes.TryGetValue(entry.DType, out var source))
        {
            throw Damaged(Path, $"tensor '{name}' is {entry.DType}; only F32, F16 and BF16 weights can be loaded");
        }
        if (!entry.Shape.SequenceEqual(destination.shape))
        {
            throw Damaged(Path, $"tensor '{name}' has the shape [{string.Join(", ", entry.Shape)}], but config.json gives [{string.Join(", ", destination.shape)}]");
        }
        var flat = destination.view(-1);
        var total = flat.shape[0];
        var perChunk = ChunkBytes / source.Size;
        stream.Position = entry.Offset;
        for (long start = 0; start < total; start += perChunk)
        {
            var count = Math.Min(perChunk, total - start);
            using var staging = empty(count, source.Type);
            stream.ReadExactly(staging.bytes);
            flat.narrow(0, start, count).copy_(staging);
        }
    }

    public static CheckpointException Damaged(string path, string why) =>
        new(CheckpointException.Damaged, $"{path}: {why}. Download or copy the checkpoint again (docs/students.md).");
}
