using SkillMix.Core.Checkpoints;
using System.Text.Json;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// generation_config.json's sampling defaults, as the model's publisher set them; a request's own settings win. Only
/// the members that change sampling are read; the rest of the file is ignored.
/// </summary>
public sealed record GenerationDefaults
{
    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? MaxNewTokens { get; init; }

    /// <summary>End-of-sequence ids; when set, they replace config.json's (as Hugging Face's generate does).</summary>
    public IReadOnlyList<int>? EosIds { get; init; }

    /// <summary>False: the publisher decodes greedily by default.</summary>
    public bool? DoSample { get; init; }

    public static GenerationDefaults Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            double? Number(string key) => root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            return new GenerationDefaults
            {
                Temperature = Number("temperature"),
                TopP = Number("top_p"),
                MaxNewTokens = Number("max_new_tokens") is { } n ? (int)n : null,
                DoSample = root.TryGetProperty("do_sample", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False ? s.GetBoolean() : null,
                EosIds = !root.TryGetProperty("eos_token_id", out var eos) ? null : eos.ValueKind switch
                {
                    JsonValueKind.Number => [eos.GetInt32()],
                    JsonValueKind.Array => eos.EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                    _ => null,
                },
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException(CheckpointException.Damaged, $"{path} is not valid JSON of generation settings ({e.Message}); restore it or delete it.");
        }
    }
}
