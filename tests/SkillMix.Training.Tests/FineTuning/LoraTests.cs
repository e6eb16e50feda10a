using SkillMix.Training.Model;
using SkillMix.Training.Training.Lora;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests.FineTuning;

public sealed class LoraTests
{
    private static readonly LoraConfig Config = new() { Rank = 4, Alpha = 8, Dropout = 0 };

    internal static Tensor Tokens(long seed = 3) =>
        randint(0, 40, [2, 7], generator: new Generator((ulong)seed), dtype: int64);       // (B, T)

    [Fact]
    public void A_fresh_adapter_leaves_the_output_unchanged_and_has_PEFT_names_and_shapes()
    {
        using var model = new HfStyleLm();
        var x = Tokens();
        using var before = model.forward(x).detach();
        var wrapped = Lora.Inject(model, Config, seed: 5);

        Assert.Equal(14, wrapped.Count);                                      // 7 projections x 2 layers
        using var after = model.forward(x).detach();
        Assert.True(Bitwise.Same(before, after), "B = 0 at init, so the output must equal the base model's exactly");
        var names = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal([4L, 16], names["model.layers.0.self_attn.q_proj.lora_A.weight"]);
        Assert.Equal([16L, 4], names["model.layers.0.self_attn.q_proj.lora_B.weight"]);
        Assert.Equal([24L, 4], names["model.layers.1.mlp.up_proj.lora_B.weight"]);
        Assert.Equal([16L, 16], names["model.layers.0.self_attn.q_proj.weight"]);   // the base key is unchanged
        Assert.DoesNotContain(names.Keys, n => n.Contains("lm_head.lora", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_adapter_parameters_receive_gradients()
    {
        using var model = new HfStyleLm();
        Lora.Inject(model, Config, seed: 5);
        // Move B off zero so that A's gradient is not zero by construction.
        using (no_grad())
        {
            foreach (var (_, p) in Lora.AdapterParameters(model))
            {
                p.add_(0.1);
            }
        }
        model.forward(Tokens()).square().mean().backward();
        foreach (var (name, p) in model.named_parameters())
        {
            if (Lora.IsAdapterKey(name))
            {
                Assert.True(p.requires_grad, name);
                Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} has no gradient");
            }
            else
            {
                Assert.False(p.requires_grad, $"{name} is not frozen");
                Assert.Null(p.grad);
            }
        }
    }

    [Fact]
    public void Merged_weights_give_the_unmerged_output_and_restore_the_base_keys()
    {
        using var model = new HfStyleLm();
        var baseKeys = model.named_parameters().Select(p => p.name).ToArray();
        Lora.Inject(model, Config with { TargetModules = ["q_proj", "v_proj", "down_proj"] }, seed: 5);
        using (no_grad())
        {
            foreach (var (_, p) in Lora.AdapterParameters(model))
            {
                p.copy_(randn(p.shape, generator: new Generator(9)).mul_(0.3));
            }
        }
        var x = Tokens();
        using var unmerged = model.forward(x).detach();
        var merged = Lora.MergeAndUnload(model);
        using var output = model.forward(x).detach();

        Assert.Equal(6, merged.Count);
        Assert.Equal(baseKeys, model.named_parameters().Select(p => p.name).ToArray());
        Assert.True(unmerged.allclose(output, rtol: 1e-5, atol: 1e-5), $"max difference {(unmerged - output).abs().max().item<float>()}");
        Assert.False(unmerged.allclose(new HfStyleLm().forward(x), rtol: 1e-3, atol: 1e-3), "the adapter must change the output");
    }

    [Fact]
    public void One_seed_draws_one_adapter_and_A_lies_within_the_kaiming_bound()
    {
        using var a = new HfStyleLm();
        using var b = new HfStyleLm();
        Lora.Inject(a, Config, seed: 5);
        Lora.Inject(b, Config, seed: 5);
        var pa = Lora.AdapterParameters(a);
        var pb = Lora.AdapterParameters(b);
        Assert.All(pa.Zip(pb), pair => Assert.True(Bitwise.Same(pair.First.Parameter, pair.Second.Parameter), pair.First.Name));
        var aWeight = pa.First(p => p.Name.EndsWith("q_proj.lora_A.weight", StringComparison.Ordinal)).Parameter;
        var bound = 1 / Math.Sqrt(16);
        Assert.True(aWeight.abs().max().item<float>() <= bound);
        Assert.True(aWeight.std().item<float>() > bound / 3, "lora_A must be spread over its bound, not zero");
    }

    [Theory]
    [InlineData(0, "Rank is 0")]
    [InlineData(17, "Rank 17 is larger than 'model.layers.0.mlp.down_proj' allows")]
    public void A_rank_out_of_range_is_refused_by_name(int rank, string expected)
    {
        using var model = new HfStyleLm();
        var error = Assert.Throws<ArgumentException>(() => Lora.Inject(model, Config with { Rank = rank }, seed: 1));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));   // a refused model is left as it was
    }

    [Fact]
    public void A_target_that_matches_nothing_is_named_with_the_layers_that_exist()
    {
        using var model = new HfStyleLm();
        var error = Assert.Throws<ArgumentException>(() => Lora.Inject(model, Config with { TargetModules = ["q_proj", "qkv_proj"] }, seed: 1));
        Assert.Contains("'qkv_proj'", error.Message, StringComparison.Ordinal);
        Assert.Contains("gate_proj", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_linear_layer_held_in_a_Linear_field_is_refused_with_what_to_change()
    {
        using var gpt = new Gpt(Tiny.Model with { VocabSize = 30 }, seed: 1);
        var error = Assert.Throws<ArgumentException>(() => Lora.Inject(gpt, Config with { TargetModules = ["c_attn"] }, seed: 1));
        Assert.Contains("'h.0.attn.c_attn'", error.Message, StringComparison.Ordinal);
        Assert.Contains("nn.Module<Tensor, Tensor>", error.Message, StringComparison.Ordinal);
    }
}
