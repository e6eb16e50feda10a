using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Model;

/// <summary>
/// A linear layer with a low-rank adapter beside it: y = x W^T + b + scaling * lora_B(lora_A(dropout(x))). It takes over
/// the base layer's own weight and bias parameters (no copy), so its keys are PEFT's: <c>weight</c> where the base layer had
/// it, and <c>lora_A.weight</c> (rank, in) and <c>lora_B.weight</c> (out, rank) beside it.
/// </summary>
internal sealed class LoraLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly Linear lora_A;
    private readonly Linear lora_B;
    private readonly Dropout lora_dropout;
    private readonly double _scaling;

    public LoraLinear(Linear baseLayer, int rank, double scaling, double dropout, Generator generator) : base(nameof(LoraLinear))
    {
        weight = baseLayer.weight!;
        bias = baseLayer.bias;
        var (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1]);
        lora_A = nn.Linear(inFeatures, rank, hasBias: false, device: weight.device, dtype: weight.dtype);
        lora_B = nn.Linear(rank, outFeatures, hasBias: false, device: weight.device, dtype: weight.dtype);
        lora_dropout = nn.Dropout(dropout);
        _scaling = scaling;
        RegisterComponents();
        using var _ = no_grad();
        // PyTorch's default linear init, which PEFT keeps for lora_A: kaiming-uniform with a = sqrt(5), i.e. U(-1/sqrt(in), 1/sqrt(in)).
        var bound = 1.0 / Math.Sqrt(inFeatures);
        lora_A.weight!.copy_(rand(lora_A.weight.shape, generator: generator).mul_(2 * bound).sub_(bound));
        nn.init.zeros_(lora_B.weight!);
    }

    public long InFeatures => weight.shape[1];

    public long OutFeatures => weight.shape[0];

    public override Tensor forward(Tensor x) =>
        nn.functional.linear(x, weight, bias)                                 // (..., out)
        + lora_B.forward(lora_A.forward(lora_dropout.forward(x))).mul(_scaling); // (..., out)

    /// <summary>Adds scaling * B A into the base weight and returns a plain linear layer holding it (PEFT's merge_and_unload).</summary>
    public Linear MergeAndUnload()
    {
        using (no_grad())
        using (NewDisposeScope())
        {
            var delta = lora_B.weight!.to(float32).matmul(lora_A.weight!.to(float32)).mul_(_scaling); // (out, in)
            weight.copy_(weight.to(float32).add_(delta));
        }
        var merged = nn.Linear(InFeatures, OutFeatures, hasBias: bias is not null, device: weight.device, dtype: weight.dtype);
        merged.weight = weight;
        if (bias is not null)
        {
            merged.bias = bias;
        }
        return merged;
    }
}
