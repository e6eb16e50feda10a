using SkillMix.Training.Model;
using SkillMix.Training.Training;
using SkillMix.Training.Training.Lora;
using TorchSharp;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests.FineTuning;

[Collection(GlobalRandomState.Name)]
public sealed class ActivationCheckpointTests
{
    private static Dictionary<string, Tensor> Gradients(nn.Module model) =>
        model.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());

    private static void AssertSameGradients(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.NotEmpty(expected);
        foreach (var (name, grad) in expected)
        {
            Assert.True(Bitwise.Same(grad, actual[name]), $"{name}: max difference {(grad - actual[name]).abs().max().item<float>()}");
        }
    }

    private static (Tensor Loss, Dictionary<string, Tensor> Grads, int Calls) Step(HfStyleLm model, bool checkpoint)
    {
        model.zero_grad();
        var calls = 0;
        Tensor Counted(HfStyleLayer layer, Tensor x)
        {
            calls++;
            return layer.forward(x);
        }
        model.Decoder.RunLayer = checkpoint
            ? (layer, x) => ActivationCheckpoint.Run(h => Counted(layer, h), x, layer.parameters())
            : Counted;
        var loss = model.forward(LoraTests.Tokens()).log_softmax(-1).mean().neg();
        loss.backward();
        return (loss.detach(), Gradients(model), calls);
    }

    [Fact]
    public void Full_fine_tuning_gradients_are_bitwise_equal_with_and_without_checkpointing()
    {
        using var model = new HfStyleLm();
        var (lossPlain, plain, callsPlain) = Step(model, checkpoint: false);
        var (lossCheckpointed, checkpointed, callsCheckpointed) = Step(model, checkpoint: true);
        Assert.True(Bitwise.Same(lossPlain, lossCheckpointed));
        Assert.Equal((2, 4), (callsPlain, callsCheckpointed));                  // backward ran each of the 2 layers again
        Assert.Equal(model.parameters().Count(), plain.Count);                  // every parameter got a gradient, the embedding too
        AssertSameGradients(plain, checkpointed);
    }

    [Fact]
    public void LoRA_gradients_are_bitwise_equal_with_and_without_checkpointing_though_the_layer_input_needs_none()
    {
        using var model = new HfStyleLm();
        Lora.Inject(model, new LoraConfig { Rank = 2, Alpha = 4, Dropout = 0 }, seed: 3);
        using (no_grad())
        {
            foreach (var (_, p) in Lora.AdapterParameters(model))
            {
                p.add_(0.05);
            }
        }
        var (_, plain, _) = Step(model, checkpoint: false);
        var (_, checkpointed, _) = Step(model, checkpoint: true);
        Assert.Equal(Lora.AdapterParameters(model).Count, plain.Count);
        AssertSameGradients(plain, checkpointed);
    }

    [Fact]
    public void With_dropout_on_the_second_pass_draws_the_same_masks()
    {
        var config = Tiny.Model with { VocabSize = 30, Dropout = 0.3 };
        using var blocks = nn.ModuleList(new Block(config), new Block(config));
        blocks.train();
        Dictionary<string, Tensor> Run(bool checkpoint)
        {
            blocks.zero_grad();
            var x = randn([2, 5, config.Embedding], generator: new Generator(2)).requires_grad_(true); // (B, T, C)
            manual_seed(42);
            var h = x;
            foreach (var block in blocks)
            {
                h = checkpoint ? ActivationCheckpoint.Run(block.forward, h, block.parameters()) : block.forward(h);
            }
            h.square().mean().backward();
            var grads = Gradients(blocks);
            grads["input"] = x.grad!.clone();
            return grads;
        }
        var plain = Run(checkpoint: false);
        var checkpointed = Run(checkpoint: true);
        AssertSameGradients(plain, checkpointed);
        // The masks differ from a run with another seed, so the equality above is not dropout being off.
        manual_seed(7);
        using var other = blocks[0].forward(randn([2, 5, config.Embedding], generator: new Generator(2)));
        manual_seed(42);
        using var same = blocks[0].forward(randn([2, 5, config.Embedding], generator: new Generator(2)));
        Assert.False(Bitwise.Same(other.detach(), same.detach()));
    }

    [Fact]
    public void Without_gradients_the_block_simply_runs()
    {
        using var model = new HfStyleLm();
        model.eval();
        using var _ = no_grad();
        using var plain = model.forward(LoraTests.Tokens());
        model.Decoder.RunLayer = (layer, x) => ActivationCheckpoint.Run(layer.forward, x, layer.parameters());
        Assert.True(Bitwise.Same(plain, model.forward(LoraTests.Tokens())));
    }
}
