using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SkillMix.Core.Checkpoints;

/// <summary>
/// A Hugging Face checkpoint's identity for step keys, computed without loading it: a SHA-256 over the names and SHA-256s
/// of config.json, generation_config.json, tokenizer.model and every weight file (model.safetensors, or the shards the
/// index names), never over the folder's path, so a copy elsewhere has the same identity and a changed byte another.
/// Files in a Hugging Face cache are links to blobs named by their own SHA-256, which is used as is instead of reading
/// gigabytes again. Here, not in SkillMix.Training, because the planner (loaded by MSBuild, no TorchSharp) computes it.
/// </summary>
public static class CheckpointContent
{
    // Hashes of files by path, size and time of last write, so planning again in one process reads no file twice.
    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), string> Hashes = new();

    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string IndexFile = "model.safetensors.index.json";
    public const string GenerationFile = "generation_config.json";
    public const string TokenizerFile = "tokenizer.model";

    /// <summary>The hash of the checkpoint in <paramref name="folder"/>, its weight files found as loading finds them.</summary>
    public static string Hash(string folder) => Hash(folder, WeightFiles(folder));

    /// <summary>The hash over the folder's description files and the given weight files.</summary>
    public static string Hash(string folder, IEnumerable<string> weightFiles)
    {
        var files = new[] { ConfigFile, GenerationFile, TokenizerFile }.Select(f => Path.Combine(folder, f)).Where(File.Exists)
            .Concat(weightFiles.Select(f => Path.Combine(folder, Path.GetFileName(f))).Order(StringComparer.Ordinal));
        var manifest = new StringBuilder();
        foreach (var file in files)
        {
            manifest.Append(Path.GetFileName(file)).Append(' ').Append(FileHash(file)).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())));
    }

    /// <summary>The weight files: those model.safetensors.index.json names, else model.safetensors; an error when neither is there.</summary>
    public static IReadOnlyList<string> WeightFiles(string folder)
    {
        if (!File.Exists(Path.Combine(folder, ConfigFile)))
        {
            throw new CheckpointException(CheckpointException.NotFound,
                $"{folder} has no {ConfigFile}, so it is not a Hugging Face checkpoint folder. {HfReference.HowToGet}");
        }
        var index = Path.Combine(folder, IndexFile);
        if (File.Exists(index))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(index));
                var files = document.RootElement.GetProperty("weight_map").EnumerateObject().Select(p => p.Value.GetString()!)
                    .Distinct(StringComparer.Ordinal).ToList();
                if (files.FirstOrDefault(f => f.Contains('/') || f.Contains('\\') || f == ".." || !File.Exists(Path.Combine(folder, f))) is { } bad)
                {
                    throw new CheckpointException(CheckpointException.Damaged,
                        $"{index} names the weight file '{bad}', which is not in {folder}. Download the missing shard again.");
                }
                return [.. files.Select(f => Path.Combine(folder, f))];
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new CheckpointException(CheckpointException.Damaged,
                    $"{index} is not a valid index (it needs a \"weight_map\" of tensor name to file): {e.Message}");
            }
        }
        if (File.Exists(Path.Combine(folder, WeightsFile)))
        {
            return [Path.Combine(folder, WeightsFile)];
        }
        throw new CheckpointException(CheckpointException.NotFound,
            $"{folder} has neither {WeightsFile} nor {IndexFile}. Only safetensors weights are read (not pytorch_model.bin); {HfReference.HowToGet}");
    }

    private static string FileHash(string path)
    {
        var target = new FileInfo(path).LinkTarget;
        var blob = target is null ? null : Path.GetFileName(target);
        if (blob is { Length: 64 } && blob.All(char.IsAsciiHexDigitLower))
        {
            return blob;
        }
        var info = new FileInfo(path);
        return Hashes.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), _ =>
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }
}
