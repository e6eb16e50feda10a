using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor name to its dtype,
/// shape and [begin, end) byte range in the data section (plus an optional "__metadata__" map of strings), then the raw
/// little-endian bytes. Tensors are written in name order and the header is padded with spaces to a multiple of 8, so the
/// same tensors always give the same file.
/// </summary>
public static class SafeTensors
{
    private static readonly Dictionary<string, int> ElementSizes = new(StringComparer.Ordinal)
    {
        ["F64"] = 8, ["F32"] = 4, ["F16"] = 2, ["BF16"] = 2, ["I64"] = 8, ["I32"] = 4, ["I16"] = 2, ["I8"] = 1, ["U8"] = 1, ["BOOL"] = 1,
    };

    /// <summary>Writes the file through a temporary file in the same folder, so a reader never sees half of it.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                meta[key] = value;
            }
            header["__metadata__"] = meta;
        }
        long offset = 0;
        var ordered = tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        foreach (var (name, tensor) in ordered)
        {
            Validate(name, tensor);
            header[name] = new JsonObject
            {
                ["dtype"] = tensor.DType,
                ["shape"] = new JsonArray(tensor.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + tensor.Data.Length),
            };
            offset += tensor.Data.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(json);
            stream.Write(Enumerable.Repeat((byte)' ', padded - json.Length).ToArray());
            foreach (var (_, tensor) in ordered)
            {
                stream.Write(tensor.Data);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads every tensor and the metadata; a malformed file gets an error naming the file and what is wrong.</summary>
    public static (Dictionary<string, SafeTensor> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
        {
            throw Malformed(path, "it is shorter than the 8-byte header length");
        }
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw Malformed(path, $"its header length {headerLength} exceeds the file");
        }
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength))?.AsObject() ?? throw Malformed(path, "its header is not a JSON object");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Malformed(path, "its header is not a JSON object: " + e.Message);
        }
        var data = bytes.AsMemory(8 + (int)headerLength);
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (key, value) in node?.AsObject() ?? [])
                {
                    metadata[key] = value?.GetValue<string>() ?? "";
                }
                continue;
            }
            try
            {
                var dtype = node!["dtype"]!.GetValue<string>();
                var shape = node["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                var offsets = node["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > data.Length)
                {
                    throw Malformed(path, $"tensor '{name}' has data_offsets outside the data section of {data.Length} bytes");
                }
                var tensor = new SafeTensor(dtype, shape, data.Slice((int)offsets[0], (int)(offsets[1] - offsets[0])).ToArray());
                Validate(name, tensor);
                tensors[name] = tensor;
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
            {
                throw Malformed(path, $"tensor '{name}' lacks a valid dtype, shape or data_offsets ({e.Message})");
            }
        }
        return (tensors, metadata);
    }

    private static void Validate(string name, SafeTensor tensor)
    {
        if (!ElementSizes.TryGetValue(tensor.DType, out var size))
        {
            throw new ArgumentException($"Tensor '{name}' has the dtype '{tensor.DType}', which this reader does not know.");
        }
        var elements = tensor.Shape.Aggregate(1L, (a, d) => a * d);
        if (elements * size != tensor.Data.Length)
        {
            throw new ArgumentException($"Tensor '{name}' holds {tensor.Data.Length} bytes, but {tensor.DType} {string.Join('x', tensor.Shape)} needs {elements * size}.");
        }
    }

    private static InvalidDataException Malformed(string path, string why) =>
        new($"{path} is not a valid safetensors file: {why}. Delete it and train again, or restore the checkpoint from its source.");
}
