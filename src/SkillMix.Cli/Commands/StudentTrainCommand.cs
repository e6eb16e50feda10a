using SkillMix.Core.Checkpoints;
using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Text;
using SkillMix.Training.Training;
using SkillMix.Training.Training.Lora;
using SkillMix.Training.Training.Memory;

namespace SkillMix.Cli.Commands;

/// <summary>
/// skillmix student train: fine-tunes a Hugging Face LLaMA-family checkpoint on a JSONL file of conversations
/// ({"messages": [{"role": "user", "content": ...}, {"role": "assistant", ...}, ...]} per line) and writes a Hugging Face
/// folder, or with --lora-rank a PEFT adapter. Run again with the same options after an interruption to resume.
/// </summary>
internal static class StudentTrainCommand
{
    // The library names settings by property; the command line by option.
    private static readonly (string Property, string Option)[] Options =
    [
        ("LoRA Rank", "--lora-rank"), ("LoRA Alpha", "--lora-alpha"), ("LoRA Dropout", "--lora-dropout"), ("LoRA TargetModules", "--lora-targets"),
        ("LoRA cannot wrap", "--lora-targets"), ("MicroBatch", "--micro-batch"), ("BatchSize", "--batch-size"), ("LearningRate", "--lr"),
        ("WarmupSteps", "--warmup"), ("MaxLength", "--max-length"), ("Steps", "--steps"), ("PretrainMixRatio", "--mix-ratio"),
        ("SaveEvery", "--save-every"), ("MergeLora", "--merge-lora"),
    ];

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The base checkpoint: a folder, hf:<folder> or hf:<org>/<name>.", Required = true };
        var data = new Option<string>("--data") { Description = "JSONL of conversations, one {\"messages\": [{\"role\", \"content\"}, ...]} per line.", Required = true };
        var output = new Option<string>("--out") { Description = "The folder to write (a Hugging Face folder, or a PEFT adapter with --lora-rank).", Required = true };
        var text = new Option<string?>("--text") { Description = "JSONL of plain pretraining texts ({\"text\": ...} per line) to mix in by --mix-ratio." };
        var numbers = new Dictionary<string, Option<string?>>
        {
            ["--steps"] = new("--steps") { Description = "Optimizer steps (default 100)." },
            ["--batch-size"] = new("--batch-size") { Description = "Rows per optimizer step (default 64, the paper's)." },
            ["--micro-batch"] = new("--micro-batch") { Description = "Rows per forward/backward pass; gradients accumulate to --batch-size (default 4)." },
            ["--lr"] = new("--lr") { Description = "Learning rate after warm-up (default 2e-5, the paper's)." },
            ["--warmup"] = new("--warmup") { Description = "Linear warm-up steps, then constant (default 64)." },
            ["--max-length"] = new("--max-length") { Description = "Most tokens per conversation; longer ones are refused (default 1024)." },
            ["--mix-ratio"] = new("--mix-ratio") { Description = "Fraction of each batch from --text (default 0)." },
            ["--lora-rank"] = new("--lora-rank") { Description = "Train a LoRA adapter of this rank instead of all weights." },
            ["--lora-alpha"] = new("--lora-alpha") { Description = "LoRA alpha (default twice the rank)." },
            ["--lora-dropout"] = new("--lora-dropout") { Description = "LoRA dropout (default 0.05)." },
            ["--save-every"] = new("--save-every") { Description = "Save a resumable state every N steps (default 50)." },
            ["--seed"] = new("--seed") { Description = "Seed of the data order and LoRA's init and dropout (default 1)." },
        };
        var targets = new Option<string?>("--lora-targets") { Description = "Comma-separated LoRA target modules (default all projections: q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj)." };
        var merge = new Option<bool>("--merge-lora") { Description = "With LoRA, write the merged model as a Hugging Face folder instead of an adapter." };
        var precision = new Option<string>("--precision") { Description = "fp32, bf16 (bf16 compute over fp32 master weights) or pure-bf16.", DefaultValueFactory = _ => "fp32" };
        var checkpointing = new Option<bool>("--checkpoint-activations") { Description = "Recompute decoder layers in backward: less memory, one more forward pass." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON at the end." };
        var command = new Command("train", "Fine-tune a LLaMA-family checkpoint on two-turn conversations (full or LoRA); resumable.")
        {
            model, data, output, text, targets, merge, precision, checkpointing, device, json,
        };
        foreach (var option in numbers.Values)
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellation) => Task.FromResult(StudentCommand.Run(parse, () =>
        {
            T? Number<T>(string name) where T : struct, INumber<T>
            {
                var value = parse.GetValue(numbers[name]);
                return value is null ? null
                    : T.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new CheckpointException(CheckpointException.InvalidTrainingSetting, $"{name}: '{value}' is not a {(typeof(T) == typeof(double) ? "number" : "whole number")}.");
            }
            var defaults = new LlamaFineTuningConfig();
            var rank = Number<int>("--lora-rank");
            var config = new LlamaFineTuningConfig
            {
                Steps = Number<int>("--steps") ?? defaults.Steps,
                BatchSize = Number<int>("--batch-size") ?? defaults.BatchSize,
                MicroBatch = Number<int>("--micro-batch") ?? defaults.MicroBatch,
                LearningRate = Number<double>("--lr") ?? defaults.LearningRate,
                WarmupSteps = Number<int>("--warmup") ?? defaults.WarmupSteps,
                MaxLength = Number<int>("--max-length") ?? defaults.MaxLength,
                PretrainMixRatio = Number<double>("--mix-ratio") ?? defaults.PretrainMixRatio,
                SaveEvery = Number<int>("--save-every") ?? defaults.SaveEvery,
                Seed = Number<long>("--seed") ?? defaults.Seed,
                Lora = rank is null ? null : new LoraConfig
                {
                    Rank = rank.Value,
                    Alpha = Number<double>("--lora-alpha") ?? 2.0 * rank.Value,
                    Dropout = Number<double>("--lora-dropout") ?? new LoraConfig().Dropout,
                    TargetModules = parse.GetValue(targets) is { } list
                        ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        : LoraConfig.AllLlamaProjections,
                },
                MergeLora = parse.GetValue(merge),
                Precision = parse.GetValue(precision)!.Trim().ToLowerInvariant() switch
                {
                    "fp32" => MemoryMode.Fp32,
                    "bf16" => MemoryMode.Bf16MasterFp32,
                    "pure-bf16" => MemoryMode.PureBf16,
                    var other => throw new CheckpointException(CheckpointException.InvalidTrainingSetting, $"--precision: '{other}' is not fp32, bf16 or pure-bf16."),
                },
                CheckpointActivations = parse.GetValue(checkpointing),
                Device = parse.GetValue(device)!,
            };
            if (rank is null && (parse.GetValue(targets) is not null || parse.GetValue(numbers["--lora-alpha"]) is not null))
            {
                throw new CheckpointException(CheckpointException.InvalidTrainingSetting, "--lora-alpha and --lora-targets need --lora-rank.");
            }
            var modelsDir = Environment.GetEnvironmentVariable("SkillMixModelsDir");
            var set = Load(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(text), modelsDir);
            var log = parse.InvocationConfiguration.Error;
            LlamaFineTuningReport report;
            try
            {
                report = LlamaFineTuning.Train(config with { ProgressSeconds = 10 }, parse.GetValue(model)!, set, parse.GetValue(output)!, log, cancellation, modelsDir);
            }
            catch (CheckpointException e) when (e.Code == CheckpointException.InvalidTrainingSetting
                && Options.FirstOrDefault(o => e.Message.StartsWith(o.Property, StringComparison.Ordinal)) is { Option: { } option })
            {
                throw new CheckpointException(e.Code, $"{option}: {e.Message}");
            }
            var stdout = parse.InvocationConfiguration.Output;
            stdout.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new
                {
                    output = report.Output, lossCsv = report.LossCsv, resumedFrom = report.ResumedFrom, steps = config.Steps,
                    finalLoss = report.Losses.Count > 0 ? report.Losses[^1] : double.NaN, trainedParameters = report.TrainedParameters,
                    tokensPerSecond = report.TokensPerSecond,
                })
                : $"wrote {report.Output} (loss curve {report.LossCsv})");
        })));
        return command;
    }

    // Conversations are encoded as the base model was instruction-tuned (Llama-2-Chat or Mistral-Instruct, by model_type).
    private static LlamaTrainingSet Load(string reference, string dataPath, string? textPath, string? modelsDir)
    {
        var checkpoint = HfCheckpoint.Open(HfReference.Resolve(reference, modelsDir));
        var tokenizer = checkpoint.TokenizerPath is { } path ? SentencePieceTokenizer.Load(path)
            : throw new CheckpointException(CheckpointException.TokenizerMismatch, $"{checkpoint.Folder} has no {HfCheckpoint.TokenizerFile}; training on text needs the checkpoint's tokenizer.");
        var format = checkpoint.Config.ModelType == "mistral" ? InstructFormat.MistralInstruct : InstructFormat.Llama2Chat;
        var conversations = Lines(dataPath).Select(line => new Conversation(Turns(line.Json, dataPath, line.Number))).ToArray();
        var texts = textPath is null ? [] : Lines(textPath).Select(line => line.Json.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()! : throw new CheckpointException(CheckpointException.InvalidTrainingSetting, $"{textPath}, line {line.Number}: expected {{\"text\": \"...\"}}.")).ToArray();
        try
        {
            return LlamaTrainingSet.Encode(format, tokenizer, conversations, texts, dataPath);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException(CheckpointException.InvalidTrainingSetting, $"{dataPath}: {e.Message}");
        }
    }

    private static IEnumerable<(int Number, JsonDocument Json)> Lines(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new CheckpointException(CheckpointException.InvalidTrainingSetting, $"{path}, line {number}: not JSON ({e.Message}).");
            }
            yield return (number, json);
        }
    }

    private static ConversationTurn[] Turns(JsonDocument json, string path, int number)
    {
        if (!json.RootElement.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            throw new CheckpointException(CheckpointException.InvalidTrainingSetting, $"{path}, line {number}: expected {{\"messages\": [{{\"role\": ..., \"content\": ...}}, ...]}}.");
        }
        return messages.EnumerateArray().Select(m => new ConversationTurn(
            new ChatRole(m.TryGetProperty("role", out var r) ? r.GetString() ?? "" : ""),
            m.TryGetProperty("content", out var c) ? c.GetString() ?? "" : "")).ToArray();
    }
}
