using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Training;

/// <summary>
/// Activation checkpointing, which TorchSharp lacks: a block runs forward without keeping its activations, and backward runs
/// it again with gradients on to get them back. Memory for activations falls from every layer's to one layer's plus each
/// layer's input, for about one more forward pass of compute. Dropout draws the same masks in both passes: the CPU random
/// state at the first pass is restored for the second (as PyTorch's checkpoint does with preserve_rng_state); CUDA random
/// state is not saved, so on a GPU the block must not use dropout (the LLaMA family has none).
/// </summary>
public static class ActivationCheckpoint
{
    /// <summary>
    /// <paramref name="block"/>(<paramref name="x"/>), checkpointed when gradients are being recorded. The block must be a
    /// function of <paramref name="x"/> and <paramref name="parameters"/> only (the block's own parameters: their gradients are
    /// computed in the second pass and handed to autograd like any other).
    /// </summary>
    public static Tensor Run(Func<Tensor, Tensor> block, Tensor x, IEnumerable<Parameter> parameters)
    {
        var trainable = parameters.Where(p => p.requires_grad).ToArray();
        if (!is_grad_enabled() || (!x.requires_grad && trainable.Length == 0))
        {
            return block(x);
        }
        object[] inputs = [x, .. trainable, new Recompute(block, get_rng_state())];
        return CheckpointFunction.apply(inputs);
    }

    private sealed record Recompute(Func<Tensor, Tensor> Block, Tensor RandomState);

    private sealed class CheckpointFunction : autograd.SingleTensorFunction<CheckpointFunction>
    {
        public override string Name => nameof(ActivationCheckpoint);

        // Runs under no_grad (TorchSharp's apply turns recording off): only x is kept for backward.
        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var recompute = (Recompute)vars[^1];
            ctx.save_for_backward([x]);
            ctx.save_data(nameof(Recompute), recompute);
            ctx.save_data("parameters", vars.Skip(1).Take(vars.Length - 2).Cast<Tensor>().ToArray());
            return recompute.Block(x);
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var x = ctx.get_saved_variables()[0];
            var recompute = (Recompute)ctx.get_data(nameof(Recompute));
            var parameters = (Tensor[])ctx.get_data("parameters");
            var input = x.detach().requires_grad_(x.requires_grad);
            var now = get_rng_state();
            set_rng_state(recompute.RandomState);
            Tensor y;
            using (enable_grad())
            {
                y = recompute.Block(input);                                    // the block's activations, again
            }
            set_rng_state(now);
            Tensor[] wrt = x.requires_grad ? [input, .. parameters] : parameters;
            var grads = autograd.grad([y], wrt, [grad_output], allow_unused: true);
            var result = new List<Tensor>(parameters.Length + 2) { x.requires_grad ? grads[0] : null! };
            result.AddRange(grads.Skip(x.requires_grad ? 1 : 0));
            result.Add(null!);                                                 // the Recompute argument is no tensor
            return result;
        }
    }
}
