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
        // The random state is kept as bytes: a tensor would belong to the caller's dispose scope, which may end before backward.
        using var state = get_rng_state();
        object[] inputs = [x, .. trainable, new Recompute(block, state.bytes.ToArray())];
        return CheckpointFunction.apply(inputs);
    }

    private sealed record Recompute(Func<Tensor, Tensor> Block, byte[] RandomState);

    private sealed class CheckpointFunction : autograd.SingleTensorFunction<CheckpointFunction>
    {
        // The gradients handed to autograd: libtorch takes its own reference when backward returns, so the managed handles
        // can go at the next call. Left in the caller's step scope they would keep a second copy of the gradients alive.
        private static readonly List<Tensor> Returned = [];

        public override string Name => nameof(ActivationCheckpoint);

        // Runs under no_grad (TorchSharp's apply turns recording off): only x is kept for backward.
        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var recompute = (Recompute)vars[^1];
            ctx.save_for_backward([x]);
            ctx.save_data(nameof(Recompute), recompute);
            ctx.save_data("parameters", vars.Skip(1).Take(vars.Length - 2).Cast<Tensor>().ToArray());
            // The block's intermediate tensors are released here, not at the end of the caller's step scope: a dispose scope
            // keeps every tensor created in it alive, which would undo the saving.
            using var scope = NewDisposeScope();
            return scope.MoveToOuter(recompute.Block(x));
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            lock (Returned)
            {
                Returned.ForEach(t => t.Dispose());
                Returned.Clear();
            }
            using var scope = NewDisposeScope();
            var x = ctx.get_saved_variables()[0];
            var recompute = (Recompute)ctx.get_data(nameof(Recompute));
            var parameters = (Tensor[])ctx.get_data("parameters");
            var input = x.detach().requires_grad_(x.requires_grad);
            var now = get_rng_state();
            var then = now.clone();
            then.bytes = recompute.RandomState;
            set_rng_state(then);
            Tensor y;
            using (enable_grad())
            {
                y = recompute.Block(input);                                    // the block's activations, again
            }
            set_rng_state(now);
            Tensor[] wrt = x.requires_grad ? [input, .. parameters] : parameters;
            var grads = autograd.grad([y], wrt, [grad_output], allow_unused: true);
            lock (Returned)
            {
                foreach (var grad in grads.Where(g => g is not null && !g.IsInvalid))
                {
                    Returned.Add(grad.DetachFromDisposeScope());
                }
            }
            var result = new List<Tensor>(parameters.Length + 2) { x.requires_grad ? grads[0] : null! };
            result.AddRange(grads.Skip(x.requires_grad ? 1 : 0));
            result.Add(null!);                                                 // the Recompute argument is no tensor
            return result;
        }
    }
}
