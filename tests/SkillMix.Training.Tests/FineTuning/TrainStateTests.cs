using SkillMix.Training.Model;
using SkillMix.Training.Training;
using SkillMix.Training.Training.Lora;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests.FineTuning;

[Collection(GlobalRandomState.Name)]
public sealed class TrainStateTests
{
    private const string Key = "key-1";
    private static readonly GptConfig Shape = Tiny.Model with { VocabSize = 30, BlockSize = 16, Dropout = 0.2 };
    private static readonly TrainingConfig Schedule = Tiny.Config(12) with { WarmupSteps = 4, DecayTo = 0.1 };

    private static AdamW Optimizer(nn.Module model) =>
        optim.AdamW(model.parameters().Where(p => p.requires_grad), lr: 0, beta1: 0.9, beta2: 0.99, weight_decay: 0.1);

    // The batch at a data position is a function of the seed and the position, so a resumed run draws the same order.
    private static (Tensor X, Tensor Y) Batch(long position)
    {
        var tokens = randint(0, 30, [4, 17], generator: new Generator(1000 + (ulong)position), dtype: int64); // (B, T + 1)
        return (tokens[.., ..16], tokens[.., 1..]);
    }

    private static void Train(nn.Module<Tensor, Tensor> model, AdamW optimizer, int from, int to)
    {
        model.train();
        for (var step = from + 1; step <= to; step++)
        {
            using var scope = NewDisposeScope();
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = StudentTraining.LearningRate(Schedule, step);
            }
            var (x, y) = Batch(step - 1);
            var logits = model.forward(x);                                      // (B, T, V)
            var loss = nn.functional.cross_entropy(logits.view(-1, logits.shape[2]), y.reshape(-1));
            optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(model.parameters().Where(p => p.requires_grad), 1.0);
            optimizer.step();
        }
    }

    private static byte[][] Weights(nn.Module model) => model.parameters().Select(p => p.detach().contiguous().bytes.ToArray()).ToArray();

    [Fact]
    public void A_GPT_trained_straight_equals_one_saved_reloaded_into_a_fresh_model_and_trained_on()
    {
        manual_seed(5);
        using var straight = new Gpt(Shape, seed: 1);
        using var straightOptimizer = Optimizer(straight);
        Train(straight, straightOptimizer, 0, 12);

        manual_seed(5);
        using var first = new Gpt(Shape, seed: 1);
        using var firstOptimizer = Optimizer(first);
        Train(first, firstOptimizer, 0, 5);
        var folder = Path.Combine(Tiny.TempFolder(), "state");
        TrainState.Save(folder, first, firstOptimizer, new TrainProgress(Key, 5, 5));

        manual_seed(999);                                                       // the resumed process starts elsewhere
        using var resumed = new Gpt(Shape, seed: 77);
        using var resumedOptimizer = Optimizer(resumed);
        var progress = TrainState.Load(folder, resumed, resumedOptimizer, Key);
        Assert.Equal(new TrainProgress(Key, 5, 5), progress);
        Train(resumed, resumedOptimizer, progress.Step, 12);

        Assert.Equal(Weights(straight), Weights(resumed));
    }

    [Fact]
    public void Dropout_makes_the_random_state_matter_so_resuming_without_it_differs()
    {
        manual_seed(5);
        using var first = new Gpt(Shape, seed: 1);
        using var firstOptimizer = Optimizer(first);
        Train(first, firstOptimizer, 0, 5);
        var folder = Path.Combine(Tiny.TempFolder(), "state");
        TrainState.Save(folder, first, firstOptimizer, new TrainProgress(Key, 5, 5));
        var afterSave = get_rng_state().clone();
        Train(first, firstOptimizer, 5, 8);

        using var resumed = new Gpt(Shape, seed: 77);
        using var resumedOptimizer = Optimizer(resumed);
        TrainState.Load(folder, resumed, resumedOptimizer, Key);
        Assert.True(Bitwise.Same(afterSave, get_rng_state()));
        manual_seed(123);                                                       // lose the restored random state
        Train(resumed, resumedOptimizer, 5, 8);
        Assert.NotEqual(Weights(first), Weights(resumed));
    }

    [Fact]
    public void A_LoRA_run_saves_only_its_adapters_and_resumes_bit_for_bit()
    {
        HfStyleLm Fresh()
        {
            var model = new HfStyleLm(vocab: 30, seed: 2);
            Lora.Inject(model, new LoraConfig { Rank = 2, Alpha = 4, Dropout = 0.1, TargetModules = ["q_proj", "v_proj"] }, seed: 3);
            return model;
        }
        manual_seed(5);
        using var straight = Fresh();
        using var straightOptimizer = Optimizer(straight);
        Train(straight, straightOptimizer, 0, 10);

        manual_seed(5);
        using var first = Fresh();
        using var firstOptimizer = Optimizer(first);
        Train(first, firstOptimizer, 0, 4);
        var folder = Path.Combine(Tiny.TempFolder(), "state");
        TrainState.Save(folder, first, firstOptimizer, new TrainProgress(Key, 4, 4));
        var (saved, _) = Checkpoints.SafeTensors.Read(Path.Combine(folder, TrainState.WeightsFile));
        Assert.Equal(8, saved.Count);
        Assert.All(saved.Keys, k => Assert.True(Lora.IsAdapterKey(k), k));

        using var resumed = Fresh();
        using var resumedOptimizer = Optimizer(resumed);
        var progress = TrainState.Load(folder, resumed, resumedOptimizer, Key);
        Train(resumed, resumedOptimizer, progress.Step, 10);
        Assert.Equal(Weights(straight), Weights(resumed));
    }

    [Fact]
    public void A_state_saved_under_another_key_is_refused_with_both_keys()
    {
        using var model = new Gpt(Shape, seed: 1);
        using var optimizer = Optimizer(model);
        var folder = Path.Combine(Tiny.TempFolder(), "state");
        TrainState.Save(folder, model, optimizer, new TrainProgress("key-A", 3, 3));
        var error = Assert.Throws<InvalidDataException>(() => TrainState.Load(folder, model, optimizer, "key-B"));
        Assert.Contains("key-A", error.Message, StringComparison.Ordinal);
        Assert.Contains("key-B", error.Message, StringComparison.Ordinal);
        Assert.Contains("progress.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_for_other_parameters_names_them()
    {
        using var model = new Gpt(Shape, seed: 1);
        using var optimizer = Optimizer(model);
        var folder = Path.Combine(Tiny.TempFolder(), "state");
        TrainState.Save(folder, model, optimizer, new TrainProgress(Key, 3, 3));
        using var other = new Gpt(Shape with { Layers = 1 }, seed: 1);
        using var otherOptimizer = Optimizer(other);
        var error = Assert.Throws<InvalidDataException>(() => TrainState.Load(folder, other, otherOptimizer, Key));
        Assert.Contains("unknown: h.1.", error.Message, StringComparison.Ordinal);
    }
}
