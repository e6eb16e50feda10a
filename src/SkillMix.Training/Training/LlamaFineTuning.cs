using SkillMix.Core.Checkpoints;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SkillMix.Core.Sampling;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Model;
using SkillMix.Training.Runtime;
using SkillMix.Training.Text;
using SkillMix.Training.Training.Memory;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Training;

/// <summary>
/// Fine-tunes a LLaMA-family checkpoint on conversations (loss on the answers and their EOS only), with plain pretraining
/// text mixed in by a ratio: Adam, linear warm-up then a constant rate, gradient accumulation to the batch size, clipping,
/// full fine-tuning or LoRA, fp32 / bf16 over fp32 masters / pure bf16, optional activation checkpointing. Writes a Hugging
/// Face folder or a PEFT adapter, the loss curve beside it, and a resumable state in a hidden work folder while it runs.
/// </summary>
public static class LlamaFineTuning
{
    public const string LossCsvSuffix = ".loss.csv";
    public const string RunFile = "run.json";
    private const int Ignore = -100;

    /// <summary>
    /// Trains from <paramref name="baseModel"/> (a folder or hf: reference) and writes <paramref name="output"/>. A run
    /// interrupted through <paramref name="cancellation"/> saves its state and throws OperationCanceledException; called again
    /// with the same settings, it resumes and ends as an uninterrupted run would (bit for bit on CPU).
    /// </summary>
    public static LlamaFineTuningReport Train(
        LlamaFineTuningConfig config, string baseModel, LlamaTrainingSet data, string output,
        TextWriter? log = null, CancellationToken cancellation = default, string? modelsDir = null)
    {
        // Config, device, model. Master-weight runs load fp32 so the masters keep the checkpoint's precision.
        Validate(config, data);
        using var student = HfStudent.Load(baseModel, config.Device, config.Precision == MemoryMode.PureBf16 ? "bf16" : "fp32", modelsDir);
        var model = student.Model;
        CheckData(config, data, model.Config);
        manual_seed(config.Seed);
        if (config.Lora is { } lora)
        {
            try
            {
                Lora.Lora.Inject(model, lora, config.Seed);
            }
            catch (ArgumentException e)
            {
                throw new CheckpointException(CheckpointException.InvalidTrainingSetting, e.Message);
            }
        }
        else
        {
            foreach (var parameter in model.parameters())
            {
                parameter.requires_grad = true;
            }
        }
        model.CheckpointLayers = config.CheckpointActivations;
        var trainedNames = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToHashSet(StringComparer.Ordinal);
        using var masters = config.Precision == MemoryMode.Bf16MasterFp32 ? new MasterWeights(model.named_parameters().Where(p => trainedNames.Contains(p.name))) : null;
        if (masters is not null)
        {
            model.to(bfloat16);
            foreach (var (name, parameter) in model.named_parameters())
            {
                parameter.requires_grad = trainedNames.Contains(name);
            }
        }
        var trained = model.named_parameters().Where(p => trainedNames.Contains(p.name)).Select(p => p.parameter).ToArray();
        var optimized = masters?.parameters().ToArray() ?? trained;
        using var optimizer = optim.AdamW(optimized, config.LearningRate, config.Beta1, config.Beta2, 1e-8, config.WeightDecay);
        nn.Module saved = (nn.Module?)masters ?? model;

        // The work folder beside the output: the run's settings, the loss curve so far and the last saved state.
        var full = Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar);
        var work = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.training");
        var stateFolder = Path.Combine(work, "state");
        var lossCsv = Path.Combine(work, "loss.csv");
        var settings = Settings(config, student.Checkpoint.ContentHash(), data);
        var key = Key(settings);
        var start = 0;
        long tokensBefore = 0;
        if (TrainState.Exists(stateFolder))
        {
            CheckSameRun(work, settings);
            start = TrainState.Load(stateFolder, saved, optimizer, key).Step;
            CopyMasters(masters, trained);
            var curveSoFar = File.ReadAllLines(lossCsv).Take(start + 1).ToArray();
            File.WriteAllLines(lossCsv, curveSoFar);
            tokensBefore = start == 0 ? 0 : long.Parse(curveSoFar[^1].Split(',')[3], CultureInfo.InvariantCulture);
            log?.WriteLine($"resuming {full} from step {start} (state in {stateFolder})");
        }
        else
        {
            Directory.CreateDirectory(work);
            ConfigJson.Save(Path.Combine(work, RunFile), settings);
            File.WriteAllText(lossCsv, "step,loss,lr,tokens\n");
        }

        // The loop: per step, the batch's rows in micro-batches; the loss is the mean over the batch's answer tokens, so
        // accumulation gives the gradient of the whole batch whatever the micro-batch.
        var rows = new RowSource(config, data);
        var device = model.Device;
        var clock = Stopwatch.StartNew();
        var processorAtStart = Environment.CpuUsage.TotalTime;
        var lastLine = double.NegativeInfinity;
        var losses = new List<double>();
        long tokens = 0;
        model.train();
        for (var step = start + 1; step <= config.Steps; step++)
        {
            var lr = LearningRate(config, step);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }
            var batch = rows.Batch(step);
            var targets = batch.Sum(r => r.Loss.Skip(1).Count(l => l));
            optimizer.zero_grad();
            model.zero_grad();
            var loss = 0.0;
            foreach (var micro in batch.Chunk(config.MicroBatch))
            {
                using var scope = NewDisposeScope();
                var (x, y) = Tensors(micro, device);                           // (M, T), (M, T)
                var logits = model.forward(x).to(float32);                     // (M, T, V)
                var sum = nn.functional.cross_entropy(logits.view(-1, logits.shape[2]), y.view(-1), ignore_index: Ignore, reduction: nn.Reduction.Sum);
                var part = sum / targets;
                part.backward();
                loss += part.item<float>();
            }
            using (NewDisposeScope())
            {
                if (masters is not null)
                {
                    foreach (var (master, copy) in optimized.Zip(trained))
                    {
                        master.grad = copy.grad!.to(float32);
                    }
                }
                if (config.GradientClip > 0)
                {
                    nn.utils.clip_grad_norm_(optimized, config.GradientClip);
                }
                optimizer.step();
                CopyMasters(masters, trained);
            }
            losses.Add(loss);
            tokens += batch.Sum(r => r.Ids.Length);
            File.AppendAllText(lossCsv, string.Create(CultureInfo.InvariantCulture, $"{step},{loss:R},{lr:R},{tokensBefore + tokens}\n"));

            var seconds = clock.Elapsed.TotalSeconds;
            if (log is not null && (step == start + 1 || step == config.Steps || seconds - lastLine >= config.ProgressSeconds))
            {
                lastLine = seconds;
                var eta = TimeSpan.FromSeconds(seconds / (step - start) * (config.Steps - step));
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {step}/{config.Steps} loss {loss:F4} lr {lr:E2} tokens/s {tokens / Math.Max(seconds, 1e-9):F0} rss {Environment.WorkingSet / (double)(1L << 30):F2} GiB elapsed {clock.Elapsed:hh\\:mm\\:ss} eta {eta:hh\\:mm\\:ss}"));
            }
            var stopping = cancellation.IsCancellationRequested;
            if (step < config.Steps && (stopping || (config.SaveEvery > 0 && step % config.SaveEvery == 0)))
            {
                TrainState.Save(stateFolder, saved, optimizer, new TrainProgress(key, step, rows.ConversationRowsBefore(step + 1)));
            }
            if (stopping && step < config.Steps)
            {
                log?.WriteLine($"stopped after step {step}; the state is saved in {stateFolder}: run again with the same settings to resume");
                throw new OperationCanceledException($"Stopped after step {step}; run again with the same settings to resume.", cancellation);
            }
        }
        model.eval();
        var processorTime = Environment.CpuUsage.TotalTime - processorAtStart;
        var elapsed = clock.Elapsed;

        // Outputs: a PEFT adapter, or a Hugging Face folder (a full fine-tune, or LoRA merged into its base).
        var trainedCount = trained.Sum(p => p.numel());
        if (config.Lora is { } adapter && !config.MergeLora)
        {
            PeftAdapter.Save(model, adapter, full, Path.GetFullPath(student.Checkpoint.Folder));
        }
        else
        {
            if (config.Lora is not null)
            {
                Lora.Lora.MergeAndUnload(model);
            }
            var baseConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(student.Checkpoint.Folder, HfCheckpoint.ConfigFile)))!.AsObject();
            HfFolderWriter.Write(full, model.named_parameters().Select(p => (p.name, p.parameter.detach())),
                baseConfig, config.Precision == MemoryMode.Fp32 ? float32 : bfloat16, student.Checkpoint.Folder);
        }
        var curve = full + LossCsvSuffix;
        File.Copy(lossCsv, curve + ".tmp", overwrite: true);
        File.Move(curve + ".tmp", curve, overwrite: true);
        Directory.Delete(work, recursive: true);
        return new LlamaFineTuningReport(full, curve, losses, start, trainedCount,
            elapsed.TotalSeconds > 0 ? tokens / elapsed.TotalSeconds : 0, elapsed, processorTime, tokens, key);
    }

    /// <summary>The paper's schedule: linear warm-up from 0 over WarmupSteps, then constant.</summary>
    public static double LearningRate(LlamaFineTuningConfig config, int step) =>
        step < config.WarmupSteps ? config.LearningRate * step / config.WarmupSteps : config.LearningRate;

    // Inputs are a row's tokens but the last, targets its tokens but the first where the loss falls (the answers and their
    // EOS); rows are right-padded, which a causal model never attends to.
    internal static (Tensor X, Tensor Y) Tensors(IReadOnlyList<EncodedChat> rows, Device device)
    {
        var t = rows.Max(r => r.Ids.Length) - 1;
        var xs = new long[rows.Count * t];
        var ys = Enumerable.Repeat((long)Ignore, rows.Count * t).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var (ids, loss) = (rows[i].Ids, rows[i].Loss);
            for (var j = 0; j + 1 < ids.Length; j++)
            {
                xs[i * t + j] = ids[j];
                ys[i * t + j] = loss[j + 1] ? ids[j + 1] : Ignore;
            }
        }
        return (tensor(xs, [rows.Count, t], int64).to(device), tensor(ys, [rows.Count, t], int64).to(device));
    }

    private static void CopyMasters(MasterWeights? masters, Parameter[] trained)
    {
        if (masters is null)
        {
            return;
        }
        using var _ = no_grad();
        foreach (var (master, copy) in masters.parameters().Zip(trained))
        {
            copy.copy_(master);
        }
    }

    private static void Validate(LlamaFineTuningConfig config, LlamaTrainingSet data)
    {
        void Require(bool ok, string property, string why)
        {
            if (!ok)
            {
                throw new CheckpointException(CheckpointException.InvalidTrainingSetting, $"{property} {why}.");
            }
        }
        Require(config.Steps >= 1, nameof(config.Steps), $"is {config.Steps}; it must be at least 1");
        Require(config.BatchSize >= 1, nameof(config.BatchSize), $"is {config.BatchSize}; it must be at least 1 (the paper's is 64)");
        Require(config.MicroBatch >= 1 && config.MicroBatch <= config.BatchSize, nameof(config.MicroBatch),
            $"is {config.MicroBatch}; it must be from 1 to BatchSize ({config.BatchSize})");
        Require(config.LearningRate > 0 && double.IsFinite(config.LearningRate), nameof(config.LearningRate), $"is {config.LearningRate}; it must be a positive number (the paper's is 2e-5)");
        Require(config.WarmupSteps >= 0, nameof(config.WarmupSteps), $"is {config.WarmupSteps}; it must be 0 or more");
        Require(config.MaxLength >= 2, nameof(config.MaxLength), $"is {config.MaxLength}; it must be at least 2 tokens");
        Require(config.PretrainMixRatio is >= 0 and < 1, nameof(config.PretrainMixRatio), $"is {config.PretrainMixRatio}; it must be at least 0 and below 1");
        Require(config.PretrainMixRatio == 0 || data.Text.Length > 1, nameof(config.PretrainMixRatio), "is above 0 but no pretraining text was given; give the text or set it to 0");
        Require(config.Beta1 is >= 0 and < 1 && config.Beta2 is >= 0 and < 1, "Beta1/Beta2", "must be at least 0 and below 1");
        Require(config.WeightDecay >= 0, nameof(config.WeightDecay), $"is {config.WeightDecay}; it must be 0 or more");
        Require(config.GradientClip >= 0, nameof(config.GradientClip), $"is {config.GradientClip}; it must be 0 (off) or more");
        Require(config.SaveEvery >= 0, nameof(config.SaveEvery), $"is {config.SaveEvery}; it must be 0 (only when stopped) or more");
        Require(!config.MergeLora || config.Lora is not null, nameof(config.MergeLora), "is set without LoRA; set Lora or leave MergeLora off");
        Require(data.Chats.Count > 0 || data.Text.Length > 1, "the training set", $"({data.Source}) is empty; give conversations or pretraining text");
        try
        {
            config.Lora?.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException(CheckpointException.InvalidTrainingSetting, e.Message);
        }
    }

    // A conversation longer than MaxLength is refused, not cut: the cut would fall on the second answer and its EOS, the
    // very tokens the loss is about.
    private static void CheckData(LlamaFineTuningConfig config, LlamaTrainingSet data, LlamaConfig model)
    {
        if (config.MaxLength > model.ContextLength)
        {
            throw new CheckpointException(CheckpointException.InvalidTrainingSetting,
                $"MaxLength is {config.MaxLength}, longer than the model's context of {model.ContextLength} tokens; lower it.");
        }
        for (var i = 0; i < data.Chats.Count; i++)
        {
            var chat = data.Chats[i];
            if (chat.Ids.Length > config.MaxLength)
            {
                throw new CheckpointException(CheckpointException.TooLong,
                    $"{data.Source}: conversation {i + 1} has {chat.Ids.Length} tokens, more than MaxLength {config.MaxLength}; raise MaxLength (at most the context, {model.ContextLength}) or leave it out.");
            }
            if (!chat.Loss.Skip(1).Any(l => l) || chat.Ids.Any(id => id < 0 || id >= model.VocabSize))
            {
                throw new CheckpointException(CheckpointException.InvalidTrainingSetting,
                    $"{data.Source}: conversation {i + 1} has no answer tokens to learn from, or a token id outside the vocabulary of {model.VocabSize}.");
            }
        }
    }

    // Everything that changes the trained weights, by name, so a refused resume can say what differs.
    private static SortedDictionary<string, string> Settings(LlamaFineTuningConfig c, string baseHash, LlamaTrainingSet data)
    {
        string S(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["BaseModel"] = baseHash, ["Data"] = DataHash(data), ["Steps"] = S($"{c.Steps}"), ["BatchSize"] = S($"{c.BatchSize}"),
            ["MicroBatch"] = S($"{c.MicroBatch}"), ["LearningRate"] = S($"{c.LearningRate:R}"), ["WarmupSteps"] = S($"{c.WarmupSteps}"),
            ["MaxLength"] = S($"{c.MaxLength}"), ["PretrainMixRatio"] = S($"{c.PretrainMixRatio:R}"), ["Beta1"] = S($"{c.Beta1:R}"),
            ["Beta2"] = S($"{c.Beta2:R}"), ["WeightDecay"] = S($"{c.WeightDecay:R}"), ["GradientClip"] = S($"{c.GradientClip:R}"),
            ["Lora"] = c.Lora is { } l ? S($"rank {l.Rank} alpha {l.Alpha:R} dropout {l.Dropout:R} targets {string.Join(",", l.TargetModules)}") : "none",
            ["Precision"] = c.Precision.ToString(), ["CheckpointActivations"] = S($"{c.CheckpointActivations}"), ["Seed"] = S($"{c.Seed}"),
            ["Device"] = c.Device,
        };
    }

    private static string Key(SortedDictionary<string, string> settings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", settings.Select(kv => $"{kv.Key}={kv.Value}")))));

    private static string DataHash(LlamaTrainingSet data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var chat in data.Chats)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{string.Join(",", chat.Ids)}|{string.Concat(chat.Loss.Select(l => l ? '1' : '0'))}\n"));
        }
        hash.AppendData(Encoding.UTF8.GetBytes("text:" + string.Join(",", data.Text)));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void CheckSameRun(string work, SortedDictionary<string, string> settings)
    {
        var path = Path.Combine(work, RunFile);
        var before = File.Exists(path) ? ConfigJson.Load<SortedDictionary<string, string>>(path) : new SortedDictionary<string, string>();
        var differences = settings.Keys.Union(before.Keys).Order(StringComparer.Ordinal)
            .Where(k => before.GetValueOrDefault(k) != settings.GetValueOrDefault(k))
            .Select(k => $"{k} {before.GetValueOrDefault(k) ?? "(none)"} -> {settings.GetValueOrDefault(k) ?? "(none)"}")
            .ToArray();
        if (differences.Length > 0)
        {
            throw new CheckpointException(CheckpointException.ResumeMismatch,
                $"{work} holds the saved state of another run ({string.Join("; ", differences)}), so it cannot be resumed. "
                + "Run with the same settings to resume it, or delete the folder to start afresh.");
        }
    }

    // The rows of each step as a function of the seed and the step alone, so a resumed run draws what an uninterrupted one
    // would: conversations in a fresh seeded order each epoch, pretraining chunks at seeded offsets.
    private sealed class RowSource(LlamaFineTuningConfig config, LlamaTrainingSet data)
    {
        private readonly Dictionary<long, int[]> _orders = [];
        private readonly int _textRows = data.Chats.Count == 0 ? config.BatchSize
            : data.Text.Length > 1 ? (int)Math.Round(config.BatchSize * config.PretrainMixRatio) : 0;

        public long ConversationRowsBefore(int step) => (long)(step - 1) * (config.BatchSize - _textRows);

        public EncodedChat[] Batch(int step)
        {
            var rows = new EncodedChat[config.BatchSize];
            for (var j = 0; j < rows.Length; j++)
            {
                rows[j] = j < _textRows ? TextRow(step, j) : ConversationRow(ConversationRowsBefore(step) + j - _textRows);
            }
            return rows;
        }

        private EncodedChat ConversationRow(long row)
        {
            var epoch = row / data.Chats.Count;
            if (!_orders.TryGetValue(epoch, out var order))
            {
                order = Enumerable.Range(0, data.Chats.Count).ToArray();
                SeededRandom.ForStream(config.Seed, "llama-fine-tune-order", epoch).Shuffle(order);
                _orders[epoch] = order;
            }
            var chat = data.Chats[order[row % data.Chats.Count]];
            return chat;
        }

        private EncodedChat TextRow(int step, int j)
        {
            var length = Math.Min(config.MaxLength, data.Text.Length);
            var offset = SeededRandom.ForStream(config.Seed, "llama-fine-tune-text", step, j).NextInt(data.Text.Length - length + 1);
            return new EncodedChat(data.Text[offset..(offset + length)], Enumerable.Repeat(true, length).ToArray());
        }
    }

    // The float32 master copies of the trained weights in a bf16 run: what the optimizer updates and the saved state holds.
    private sealed class MasterWeights : nn.Module
    {
        public MasterWeights(IEnumerable<(string Name, Parameter Parameter)> trained) : base(nameof(MasterWeights))
        {
            using var _ = no_grad();
            foreach (var (name, parameter) in trained)
            {
                register_parameter(name.Replace('.', '_'), new Parameter(parameter.detach().to(float32).clone(), requires_grad: true));
            }
        }
    }
}
