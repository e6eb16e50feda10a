using SkillMix.Core.Numerics;
using System.Globalization;
using SkillMix.Core.Sampling;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Model;
using SkillMix.Training.Runtime;
using SkillMix.Training.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Training;

/// <summary>
/// Trains a student: pretraining on plain texts when there are no conversations, otherwise supervised fine-tuning of a
/// base checkpoint on conversations (loss on the answers only) with some pretraining text mixed in.
/// </summary>
public static class StudentTraining
{
    public static TrainingReport Train(
        TrainingConfig config, TrainingData data, string checkpointFolder, string? baseCheckpoint = null, TextWriter? log = null)
    {
        // Config and device. A pinned process keeps its own thread count and trains in float32 (NumericsPin says why).
        var device = TorchRuntime.Resolve(config.Device);
        TorchRuntime.UseThreads(config.Threads);
        var precision = TorchRuntime.Numerics == NumericsMode.Pinned ? TrainingPrecision.Fp32 : config.Precision;
        if (!(config.DecayTo is >= 0 and <= 1))
        {
            throw new ArgumentException($"decayTo is {config.DecayTo}; it must be from 0 to 1 (1 keeps the learning rate constant).", nameof(config));
        }
        var fineTuning = data.Conversations.Count > 0;
        if (fineTuning && baseCheckpoint is null)
        {
            throw new ArgumentException("Fine-tuning on conversations needs a base checkpoint: pretrain one on plain texts first.", nameof(baseCheckpoint));
        }
        if (!fineTuning && data.Texts.Count == 0)
        {
            throw new ArgumentException("There is nothing to train on: give plain texts to pretrain or conversations to fine-tune.", nameof(data));
        }

        // Model and tokenizer: a fresh model for pretraining, the base checkpoint's for fine-tuning.
        using var student = baseCheckpoint is null
            ? NewStudent(config, data, device)
            : Student.Load(baseCheckpoint, config.Device);
        student.Template = config.Template;
        var model = student.Model;
        var tokenizer = student.Tokenizer;

        // Data: held-out validation items, the pretraining stream, the encoded conversations.
        var split = SeededRandom.ForStream(config.Seed, "train-validation-split");
        var (trainTexts, validTexts) = Split(data.Texts, config.ValidationFraction, split);
        var (trainChats, validChats) = Split(data.Conversations, config.ValidationFraction, split);
        var blockSize = model.Config.BlockSize;
        var train = new Batches(Stream(tokenizer, trainTexts), Encode(tokenizer, trainChats, config.Template, blockSize), blockSize);
        var valid = new Batches(Stream(tokenizer, validTexts), Encode(tokenizer, validChats, config.Template, blockSize), blockSize);
        var mixRows = fineTuning && train.HasStream ? (int)Math.Round(config.BatchSize * config.PretrainMixRatio) : 0;

        // Optimizer: AdamW, weight decay on matrices only (as GPT-2 and nanoGPT do).
        var parameters = model.named_parameters().ToArray();
        var optimizer = optim.AdamW(
            [
                new AdamW.ParamGroup(parameters.Where(p => p.parameter.dim() >= 2 && p.name != "wpe.weight").Select(p => p.parameter),
                    config.LearningRate, config.Beta1, config.Beta2, 1e-8, config.WeightDecay),
                new AdamW.ParamGroup(parameters.Where(p => p.parameter.dim() < 2 || p.name == "wpe.weight").Select(p => p.parameter),
                    config.LearningRate, config.Beta1, config.Beta2, 1e-8, 0.0),
            ]);

        // Mixed precision: a bfloat16 copy of the model runs forward and backward; the float32 model keeps the master
        // weights, receives the gradients and is what the optimizer updates and the checkpoint stores.
        using var work = precision == TrainingPrecision.Bf16 ? new Gpt(model.Config, config.Seed) : null;
        work?.to(device).to(bfloat16);
        (Tensor Master, Tensor Copy)[] pairs = work is null ? [] : model.parameters().Zip(work.parameters(), (m, c) => ((Tensor)m, (Tensor)c)).ToArray();

        // The loop: warm-up then a constant (or cosine-decaying) learning rate, clipped gradients, periodic validation and checkpoints.
        var random = SeededRandom.ForStream(config.Seed, "train-batches");
        var progress = new SkillMix.Core.Text.ProgressLine(log, fineTuning ? "fine-tune" : "pretrain", config.Steps, "steps", config.ProgressSeconds);
        var losses = new List<double>(config.Steps);
        var validationLoss = double.NaN;
        long tokens = 0;
        model.train();
        for (var step = 1; step <= config.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var lr = LearningRate(config, step);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }
            var (x, y) = train.Next(random, config.BatchSize, mixRows, device);   // (B, T), (B, T)
            using (no_grad())
            {
                foreach (var (master, copy) in pairs)
                {
                    copy.copy_(master);
                }
            }
            var logits = (work ?? model).forward(x).to(float32);                  // (B, T, V)
            var loss = nn.functional.cross_entropy(logits.view(-1, logits.shape[2]), y.view(-1), ignore_index: Batches.Ignore);
            optimizer.zero_grad();
            work?.zero_grad();
            loss.backward();
            foreach (var (master, copy) in pairs)
            {
                master.grad = copy.grad!.to(float32);
            }
            if (config.GradientClip > 0)
            {
                nn.utils.clip_grad_norm_(model.parameters(), config.GradientClip);
            }
            optimizer.step();
            losses.Add(loss.item<float>());
            tokens += x.numel();
            progress.Report(step, tokens, "tokens", string.Create(CultureInfo.InvariantCulture, $"loss {losses[^1]:F4} lr {lr:E1}"));
            if (step == config.Steps || (config.EvalEvery > 0 && step % config.EvalEvery == 0))
            {
                validationLoss = Evaluate(model, valid, config, device);
                progress.Note(string.Create(CultureInfo.InvariantCulture, $"validation step {step} loss {validationLoss:F4}"));
                student.Save(checkpointFolder);
                model.train();
            }
        }
        model.eval();
        var seconds = progress.Elapsed.TotalSeconds;
        return new TrainingReport(losses, validationLoss, seconds > 0 ? tokens / seconds : 0, progress.Elapsed,
            model.Config.ParameterCount(), student.Id);
    }

    /// <summary>Linear warm-up, then constant or a cosine down to <see cref="TrainingConfig.DecayTo"/> at the last step.</summary>
    internal static double LearningRate(TrainingConfig config, int step)
    {
        if (step < config.WarmupSteps)
        {
            return config.LearningRate * (step / (double)config.WarmupSteps);
        }
        if (config.DecayTo >= 1)
        {
            return config.LearningRate;
        }
        var progress = (step - config.WarmupSteps) / (double)Math.Max(1, config.Steps - config.WarmupSteps);
        var cosine = 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1.0, progress)));
        return config.LearningRate * (config.DecayTo + (1 - config.DecayTo) * cosine);
    }

    private static Student NewStudent(TrainingConfig config, TrainingData data, Device device)
    {
        // Only pretraining builds a student, from plain texts; the vocabulary holds the template's own words too, since a
        // compact prompt appears in no plain text.
        var tokenizer = Tokenizer.Build(data.Texts.Append(ChatTemplate.CompactWords), config.Tokenizer);
        var model = new Gpt(config.Model with { VocabSize = tokenizer.VocabSize }, config.Seed);
        model.to(device);
        return new Student(model, tokenizer, config.Template, device, id: "");
    }

    private static double Evaluate(Gpt model, Batches valid, TrainingConfig config, Device device)
    {
        if (!valid.HasStream && !valid.HasConversations)
        {
            return double.NaN;
        }
        model.eval();
        using var _ = no_grad();
        var random = SeededRandom.ForStream(config.Seed, "validation-batches");
        var total = 0.0;
        for (var i = 0; i < config.EvalBatches; i++)
        {
            using var scope = NewDisposeScope();
            var (x, y) = valid.Next(random, config.BatchSize, 0, device);        // (B, T), (B, T)
            var logits = model.forward(x);                                        // (B, T, V)
            total += nn.functional.cross_entropy(logits.view(-1, logits.shape[2]), y.view(-1), ignore_index: Batches.Ignore).item<float>();
        }
        return total / config.EvalBatches;
    }

    private static (T[] Train, T[] Valid) Split<T>(IReadOnlyList<T> items, double fraction, SeededRandom random)
    {
        var order = Enumerable.Range(0, items.Count).ToArray();
        random.Shuffle(order);
        var held = items.Count >= 2 ? (int)Math.Round(items.Count * fraction) : 0;
        return (order.Skip(held).Select(i => items[i]).ToArray(), order.Take(held).Select(i => items[i]).ToArray());
    }

    // Plain texts become one stream, each text followed by the end-of-text marker.
    private static int[] Stream(Tokenizer tokenizer, IEnumerable<string> texts) =>
        texts.SelectMany(t => tokenizer.Encode(t).Append(Tokenizer.EndOfText)).ToArray();

    private static (int[] Tokens, bool[] Learn)[] Encode(Tokenizer tokenizer, IEnumerable<Conversation> conversations, ChatTemplateKind template, int blockSize) =>
        conversations.Select(c => ChatTemplate.EncodeConversation(tokenizer, c, template))
            .Select(e => (e.Tokens.Take(blockSize + 1).ToArray(), e.Learn.Take(blockSize + 1).ToArray()))
            .ToArray();
}
