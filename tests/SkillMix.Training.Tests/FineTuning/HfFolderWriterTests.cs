using System.Text.Json.Nodes;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Training.Lora;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests.FineTuning;

public sealed class HfFolderWriterTests
{
    private static readonly JsonObject Config = new() { ["architectures"] = new JsonArray("LlamaForCausalLM"), ["hidden_size"] = 16, ["torch_dtype"] = "float32" };

    private static string BaseFolder()
    {
        var folder = Tiny.TempFolder();
        File.WriteAllText(Path.Combine(folder, "tokenizer.model"), "pieces");
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), "{\"add_bos_token\": true}");
        File.WriteAllText(Path.Combine(folder, "model.safetensors"), "not copied");
        return folder;
    }

    [Fact]
    public void A_sharded_folder_has_transformers_names_an_index_and_every_tensor_bit_for_bit()
    {
        using var model = new HfStyleLm();
        var tensors = model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToArray();
        var folder = Path.Combine(Tiny.TempFolder(), "full");
        // 16x16 F32 matrices are 1 KiB; a 3 KiB limit forces several shards.
        var files = HfFolderWriter.Write(folder, tensors, Config, ScalarType.Float32, BaseFolder(), shardBytes: 3 * 1024);

        Assert.True(files.Count > 2, $"{files.Count} shards");
        Assert.Equal(files.Select((_, i) => $"model-{i + 1:D5}-of-{files.Count:D5}.safetensors"), files);
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "model.safetensors.index.json")))!.AsObject();
        var weightMap = index["weight_map"]!.AsObject();
        Assert.Equal(tensors.Select(t => t.Item1).Order(StringComparer.Ordinal), weightMap.Select(kv => kv.Key));
        Assert.Equal(tensors.Sum(t => t.Item2.numel() * 4), index["metadata"]!["total_size"]!.GetValue<long>());
        foreach (var (name, tensor) in tensors)
        {
            var (stored, metadata) = SafeTensors.Read(Path.Combine(folder, weightMap[name]!.GetValue<string>()));
            Assert.Equal("pt", metadata["format"]);
            Assert.Equal(tensor.shape, stored[name].Shape);
            Assert.Equal(tensor.detach().contiguous().bytes.ToArray(), stored[name].Data);
        }
        Assert.True(files.Select(f => new FileInfo(Path.Combine(folder, f)).Length).Max() <= 3 * 1024 + 1024, "a shard is far larger than the limit");
        Assert.Equal("pieces", File.ReadAllText(Path.Combine(folder, "tokenizer.model")));
        Assert.True(File.Exists(Path.Combine(folder, "tokenizer_config.json")));
        Assert.False(File.Exists(Path.Combine(folder, "model.safetensors")), "the base's weights must not be copied");
        Assert.Equal("LlamaForCausalLM", JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!["architectures"]![0]!.GetValue<string>());
    }

    [Fact]
    public void A_small_model_is_one_model_safetensors_in_bfloat16_without_an_index()
    {
        using var model = new HfStyleLm();
        var tensors = model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToArray();
        var folder = Path.Combine(Tiny.TempFolder(), "full");
        var files = HfFolderWriter.Write(folder, tensors, Config, ScalarType.BFloat16);

        Assert.Equal(["model.safetensors"], files);
        Assert.False(File.Exists(Path.Combine(folder, "model.safetensors.index.json")));
        Assert.Equal("bfloat16", JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!["torch_dtype"]!.GetValue<string>());
        var (stored, _) = SafeTensors.Read(Path.Combine(folder, "model.safetensors"));
        var q = tensors.First(t => t.Item1 == "model.layers.1.self_attn.q_proj.weight").Item2;
        Assert.Equal("BF16", stored["model.layers.1.self_attn.q_proj.weight"].DType);
        Assert.Equal(q.detach().to(bfloat16).contiguous().bytes.ToArray(), stored["model.layers.1.self_attn.q_proj.weight"].Data);
    }

    [Fact]
    public void A_merged_LoRA_run_is_written_with_the_base_model_keys_and_the_merged_weights()
    {
        using var model = new HfStyleLm();
        var baseKeys = model.named_parameters().Select(p => p.name).Order(StringComparer.Ordinal).ToArray();
        Lora.Inject(model, new() { Rank = 2, Alpha = 4, Dropout = 0, TargetModules = ["o_proj"] }, seed: 1);
        using (no_grad())
        {
            foreach (var (_, p) in Lora.AdapterParameters(model))
            {
                p.fill_(0.1);
            }
        }
        var x = LoraTests.Tokens();
        using var adapted = model.forward(x).detach();
        Lora.MergeAndUnload(model);
        var folder = Path.Combine(Tiny.TempFolder(), "merged");
        HfFolderWriter.Write(folder, model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)), Config, ScalarType.Float32);

        var (stored, _) = SafeTensors.Read(Path.Combine(folder, "model.safetensors"));
        Assert.Equal(baseKeys, stored.Keys.Order(StringComparer.Ordinal).ToArray());
        using var reloaded = new HfStyleLm(seed: 99);
        foreach (var (name, p) in reloaded.named_parameters())
        {
            TensorBytes.CopyInto(p, stored[name], name, "model.safetensors");
        }
        Assert.True(adapted.allclose(reloaded.forward(x).detach(), rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void A_tensor_that_cannot_be_written_leaves_no_folder_behind()
    {
        using var model = new HfStyleLm();
        var tensors = model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).Append(("model.z_unreadable", empty(2, device: META))).ToArray();
        var parent = Tiny.TempFolder();
        Assert.ThrowsAny<Exception>(() => HfFolderWriter.Write(Path.Combine(parent, "full"), tensors, Config, ScalarType.Float32, shardBytes: 1024));
        Assert.Empty(Directory.GetFileSystemEntries(parent));
    }
}
