using SkillMix.Core.Checkpoints;
using System.Text.Json.Nodes;
using SkillMix.Training.Checkpoints;

namespace SkillMix.Training.Tests;

/// <summary>Every way a Hugging Face folder can be wrong gets an SKMX error naming the file, the tensor or the key.</summary>
public sealed class LlamaLoadingErrorTests
{
    private static CheckpointException Refused(string folder, string code, string device = "cpu")
    {
        var e = Assert.Throws<CheckpointException>(() => HfStudent.Load(folder, device).Dispose());
        Assert.Equal(code, e.Code);
        return e;
    }

    private static string WithConfig(Action<JsonObject> change, string dtype = "F32", int shards = 1)
    {
        var config = RandomLlama.MistralConfig();
        var random = RandomLlama.Write(config, dtype, shards);
        change(config);
        File.WriteAllText(Path.Combine(random.Folder, "config.json"), config.ToJsonString());
        return random.Folder;
    }

    [Theory]
    [InlineData("rope_scaling", "{\"type\": \"linear\", \"factor\": 2.0}")]
    [InlineData("sliding_window", "16")]
    [InlineData("model_type", "\"gpt2\"")]
    [InlineData("architectures", "[\"LlamaForCausalLM\"]")]
    [InlineData("hidden_act", "\"gelu\"")]
    [InlineData("attention_bias", "true")]
    [InlineData("quantization_config", "{\"bits\": 4}")]
    [InlineData("num_key_value_heads", "3")]
    [InlineData("hidden_size", "0")]
    [InlineData("vocab_size", "48.5")]
    public void An_unsupported_config_key_is_refused_by_name(string key, string value)
    {
        var folder = WithConfig(c => c[key] = JsonNode.Parse(value));
        var e = Refused(folder, CheckpointException.Unsupported);
        Assert.Contains($"'{key}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("config.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sliding_window_as_long_as_the_context_is_full_attention()
    {
        using var student = HfStudent.Load(WithConfig(c => c["sliding_window"] = 64));
        Assert.Equal(64, student.Config.ContextLength);
    }

    [Fact]
    public void Missing_extra_and_mis_shaped_tensors_are_named()
    {
        Assert.Contains("'lm_head.weight'", Refused(WithConfig(c => c["tie_word_embeddings"] = true), CheckpointException.Damaged).Message, StringComparison.Ordinal);
        var tied = RandomLlama.Write(RandomLlama.LlamaConfig(), "F32");
        var config = RandomLlama.LlamaConfig();
        config["tie_word_embeddings"] = false;
        File.WriteAllText(Path.Combine(tied.Folder, "config.json"), config.ToJsonString());
        Assert.Contains("lack 'lm_head.weight'", Refused(tied.Folder, CheckpointException.Damaged).Message, StringComparison.Ordinal);
        var e = Refused(WithConfig(c => c["intermediate_size"] = 60), CheckpointException.Damaged);
        Assert.Contains("mlp.", e.Message, StringComparison.Ordinal);
        Assert.Contains("[56, 32]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_a_missing_shard_and_an_unknown_dtype_are_named()
    {
        var random = RandomLlama.Write(RandomLlama.MistralConfig(), "BF16", shards: 2);
        var shard = Path.Combine(random.Folder, "model-00002-of-00002.safetensors");
        var bytes = File.ReadAllBytes(shard);
        File.WriteAllBytes(shard, bytes[..^10]);
        var e = Refused(random.Folder, CheckpointException.Damaged);
        Assert.Contains("model-00002-of-00002.safetensors", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        File.Delete(shard);
        e = Refused(random.Folder, CheckpointException.Damaged);
        Assert.Contains("model-00002-of-00002.safetensors, which is not in", e.Message, StringComparison.Ordinal);

        var single = RandomLlama.Write(RandomLlama.LlamaConfig(), "F32");
        var path = Path.Combine(single.Folder, "model.safetensors");
        var (tensors, _) = SafeTensors.Read(path);
        var norm = tensors["model.norm.weight"];
        tensors["model.norm.weight"] = new SafeTensor("F64", norm.Shape, new byte[norm.Data.Length * 2]);
        SafeTensors.Write(path, tensors);
        e = Refused(single.Folder, CheckpointException.Damaged);
        Assert.Contains("'model.norm.weight' is F64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_config_or_weights_says_what_it_lacks_and_how_to_get_a_checkpoint()
    {
        var empty = Tiny.TempFolder();
        var e = Refused(empty, CheckpointException.NotFound);
        Assert.Contains("config.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("huggingface-cli download", e.Message, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(empty, "config.json"), RandomLlama.LlamaConfig().ToJsonString());
        Assert.Contains("model.safetensors", Refused(empty, CheckpointException.NotFound).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cuda_device_on_a_machine_without_one_fails_before_loading()
    {
        if (TorchSharp.torch.cuda.is_available())
        {
            return;
        }
        var e = Refused(Stories260KTests.Folder, CheckpointException.DeviceUnavailable, device: "cuda:0");
        Assert.Contains("CUDA is not available", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hf_references_resolve_in_the_models_folder_and_the_hugging_face_cache()
    {
        var root = Tiny.TempFolder();
        var hub = Path.Combine(root, "hub");
        var snapshot = Path.Combine(hub, "models--acme--tiny", "snapshots", "abc123");
        Directory.CreateDirectory(snapshot);
        Directory.CreateDirectory(Path.Combine(hub, "models--acme--tiny", "refs"));
        File.WriteAllText(Path.Combine(hub, "models--acme--tiny", "refs", "main"), "abc123\n");
        Assert.Equal(snapshot, HfReference.Resolve("hf:acme/tiny", modelsDir: null, hubCache: hub));

        var models = Path.Combine(root, "models");
        Directory.CreateDirectory(Path.Combine(models, "acme", "tiny"));
        Assert.Equal(Path.Combine(models, "acme", "tiny"), HfReference.Resolve("hf:acme/tiny", models, hub));
        Assert.Equal(Stories260KTests.Folder, HfReference.Resolve("hf:" + Stories260KTests.Folder));

        var e = Assert.Throws<CheckpointException>(() => HfReference.Resolve("hf:acme/absent", models, hub));
        Assert.Equal(CheckpointException.NotFound, e.Code);
        Assert.Contains(Path.Combine(models, "acme", "absent"), e.Message, StringComparison.Ordinal);
        Assert.Contains("models--acme--absent", e.Message, StringComparison.Ordinal);
        Assert.Contains("huggingface-cli download", e.Message, StringComparison.Ordinal);
    }
}
