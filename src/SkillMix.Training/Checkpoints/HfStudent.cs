using SkillMix.Core.Checkpoints;
using SkillMix.Core.Sampling;
using SkillMix.Training.Model;
using SkillMix.Training.Runtime;
using SkillMix.Training.Sampling;
using SkillMix.Training.Text;
using SkillMix.Training.Training.Lora;
using static TorchSharp.torch;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// A LLaMA-family student loaded from a Hugging Face checkpoint: the model on a device in a dtype, its tokenizer when the
/// folder has tokenizer.model, its generation defaults, and its content hash.
/// </summary>
public sealed class HfStudent : IDisposable
{
    private HfStudent(HfCheckpoint checkpoint, Llama model, SentencePieceTokenizer? tokenizer)
    {
        Checkpoint = checkpoint;
        Model = model;
        Tokenizer = tokenizer;
    }

    public HfCheckpoint Checkpoint { get; }

    internal Llama Model { get; }

    public LlamaConfig Config => Model.Config;

    public SentencePieceTokenizer? Tokenizer { get; }

    public Device Device => Model.Device;

    /// <summary>The chat layout the model was instruction-tuned with, by its family: Mistral-Instruct for mistral, Llama-2-Chat for llama.</summary>
    public InstructFormat Format => Config.ModelType == "mistral" ? InstructFormat.MistralInstruct : InstructFormat.Llama2Chat;

    /// <summary>The ids that end an answer: generation_config.json's when it has them, else config.json's.</summary>
    public IReadOnlySet<int> EosIds => (Checkpoint.Generation.EosIds ?? Config.EosIds).ToHashSet();

    /// <summary>
    /// Loads a checkpoint (a folder, <c>hf:&lt;folder&gt;</c> or <c>hf:&lt;org&gt;/&lt;name&gt;</c>) onto a device ("cpu",
    /// "cuda", "cuda:N") with its weights cast to <paramref name="dtype"/> (fp32, bf16 or fp16).
    /// </summary>
    /// <remarks>
    /// A PEFT adapter folder (adapter_config.json) may stand for the reference: its base_model_name_or_path is loaded and the
    /// adapter merged into it. <paramref name="adapter"/> names an adapter folder to merge into the reference explicitly.
    /// </remarks>
    public static HfStudent Load(string reference, string device = "cpu", string dtype = "fp32", string? modelsDir = null, string? adapter = null)
    {
        var type = DTypeOf(dtype);
        var target = ResolveDevice(device);
        var asFolder = reference.StartsWith("hf:", StringComparison.Ordinal) ? reference[3..] : reference;
        if (adapter is null && File.Exists(Path.Combine(asFolder, PeftAdapter.ConfigFile)) && !File.Exists(Path.Combine(asFolder, HfCheckpoint.ConfigFile)))
        {
            adapter = asFolder;
            reference = PeftAdapter.BaseModel(asFolder);
        }
        var checkpoint = HfCheckpoint.Open(HfReference.Resolve(reference, modelsDir));
        var tokenizer = checkpoint.TokenizerPath is { } path ? SentencePieceTokenizer.Load(path) : null;
        if (tokenizer is not null && tokenizer.VocabSize != checkpoint.Config.VocabSize)
        {
            throw new CheckpointException(CheckpointException.TokenizerMismatch,
                $"{checkpoint.TokenizerPath}: the tokenizer has {tokenizer.VocabSize} pieces, but the model's embedding has {checkpoint.Config.VocabSize} rows (config.json vocab_size). Use the tokenizer.model published with these weights.");
        }
        var model = checkpoint.LoadModel(target, type);
        if (adapter is not null)
        {
            try
            {
                // Merged for sampling: the adapted model's output (to 1e-5) at the cost of one plain model.
                PeftAdapter.Attach(model, adapter);
                Lora.MergeAndUnload(model);
                model.eval();
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        return new HfStudent(checkpoint, model, tokenizer);
    }

    /// <summary>
    /// Continues each request: batched with a KV cache, each drawing from a stream seeded by its own seed, so a request's
    /// tokens do not depend on the others in the batch; stops at an end-of-sequence id (not returned) or after MaxNewTokens.
    /// </summary>
    public IReadOnlyList<int[]> Generate(IReadOnlyList<GenerationRequest> requests)
    {
        foreach (var request in requests)
        {
            var prompt = request.PromptIds;
            if (prompt.Length == 0 || prompt.Length + Math.Max(1, request.MaxNewTokens) > Config.ContextLength)
            {
                throw new CheckpointException(CheckpointException.TooLong,
                    $"A prompt of {prompt.Length} tokens with {request.MaxNewTokens} new tokens does not fit the context of {Config.ContextLength} tokens; shorten the prompt or lower the new tokens.");
            }
            if (prompt.Any(id => id < 0 || id >= Config.VocabSize))
            {
                throw new ArgumentException($"Token id {prompt.First(id => id < 0 || id >= Config.VocabSize)} is outside the vocabulary of {Config.VocabSize}.", nameof(requests));
            }
        }
        var sampled = requests.Select(r => new SampleRequest(r.PromptIds, r.Temperature, r.MaxNewTokens, SeededRandom.ForStream(r.Seed, "student-sample"), r.TopP)).ToArray();
        return Sampler.Generate(Model, sampled, useKvCache: true, stopTokens: EosIds, padToken: Config.BosId).Select(r => r.Tokens).ToArray();
    }

    public void Dispose() => Model.Dispose();

    internal static ScalarType DTypeOf(string dtype) => dtype.Trim().ToLowerInvariant() switch
    {
        "fp32" or "float32" => ScalarType.Float32,
        "bf16" or "bfloat16" => ScalarType.BFloat16,
        "fp16" or "float16" => ScalarType.Float16,
        _ => throw new ArgumentException($"dtype '{dtype}' is not known: use fp32, bf16 or fp16.", nameof(dtype)),
    };

    private static Device ResolveDevice(string device)
    {
        try
        {
            return TorchRuntime.Resolve(device);
        }
        catch (InvalidOperationException e) when (device.Trim().StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
        {
            throw new CheckpointException(CheckpointException.DeviceUnavailable, e.Message);
        }
    }
}
