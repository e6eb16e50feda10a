using System.Text.Json;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Sampling;

namespace SkillMix.Training.Tests;

/// <summary>The real stories260K (a LLaMA with grouped-query attention 8/4 and tied embeddings) in the Hugging Face layout.</summary>
public sealed class Stories260KTests
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "stories260K");

    internal static int[] ExpectedGreedy()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "greedy-from-bos.json")));
        return document.RootElement.GetProperty("greedy_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }

    [Fact]
    public void Greedy_decoding_from_bos_reproduces_the_reference_ids()
    {
        using var student = HfStudent.Load(Folder);
        var expected = ExpectedGreedy();
        Assert.Equal(256, expected.Length);
        var ids = student.Generate([new GenerationRequest([1], expected.Length)])[0];
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void The_config_is_read_as_grouped_query_attention_with_a_tied_head()
    {
        var checkpoint = HfCheckpoint.Open(Folder);
        Assert.Equal((64, 5, 8, 4, 172, 512), (checkpoint.Config.Hidden, checkpoint.Config.Layers, checkpoint.Config.Heads,
            checkpoint.Config.KvHeads, checkpoint.Config.Intermediate, checkpoint.Config.VocabSize));
        Assert.True(checkpoint.Config.TiedEmbeddings);
        using var student = HfStudent.Load(Folder);
        Assert.Equal(checkpoint.Config.ParameterCount(), student.Model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void The_content_hash_follows_the_bytes_not_the_path()
    {
        var copy = Tiny.TempFolder();
        foreach (var file in Directory.GetFiles(Folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        var original = HfCheckpoint.Open(Folder).ContentHash();
        Assert.Equal(original, HfCheckpoint.Open(copy).ContentHash());
        var config = Path.Combine(copy, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"rms_norm_eps\": 1e-05", "\"rms_norm_eps\": 1e-06", StringComparison.Ordinal));
        Assert.NotEqual(original, HfCheckpoint.Open(copy).ContentHash());
    }
}
