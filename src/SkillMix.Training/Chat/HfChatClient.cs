using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SkillMix.Core.Checkpoints;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Runtime;
using SkillMix.Training.Sampling;
using SkillMix.Training.Text;

namespace SkillMix.Training.Chat;

/// <summary>
/// A Hugging Face student (LLaMA-2-Chat, Mistral-Instruct) as a chat model. The conversation is encoded turn by turn with
/// <see cref="InstructEncoding"/> in the layout the model was instruction-tuned with (<see cref="HfStudent.Format"/>, from
/// config.json's model_type, unless <see cref="Format"/> is given), sampled batched with the KV cache until an end id
/// of the checkpoint or the request's MaxOutputTokens, and decoded with its SentencePiece tokenizer. Each request draws
/// from its own stream seeded by (seed, repeat index, prompt ids), so an answer does not depend on which requests share
/// its batch. Concurrent calls are sampled together, as <see cref="StudentChatClient"/> does for the tiny GPT.
/// </summary>
public sealed class HfChatClient : IChatClient
{
    public const string ProviderName = "skillmix-hf";

    private readonly HfStudent _student;
    private readonly SentencePieceTokenizer _tokenizer;
    private readonly StudentChatOptions _defaults;
    private readonly BatchQueue<SampleRequest, SampleResult> _queue;

    public HfChatClient(HfStudent student, StudentChatOptions? defaults = null, InstructFormat? format = null)
    {
        _student = student;
        _tokenizer = student.Tokenizer ?? throw new CheckpointException(CheckpointException.TokenizerMismatch,
            $"{student.Checkpoint.Folder} has no {HfCheckpoint.TokenizerFile}; a student that answers in text needs the tokenizer.model published with its weights.");
        _defaults = defaults ?? new StudentChatOptions();
        Format = format ?? student.Format;
        TorchRuntime.UseThreads(_defaults.Threads);
        _queue = new BatchQueue<SampleRequest, SampleResult>(
            batch => Sampler.Generate(student.Model, batch, useKvCache: _defaults.UseKvCache, stopTokens: student.EosIds, padToken: student.Config.BosId),
            _defaults.MaxBatch);
        Metadata = new ChatClientMetadata(ProviderName, providerUri: null, defaultModelId: ModelId);
    }

    /// <summary>The chat layout the conversations are encoded in.</summary>
    public InstructFormat Format { get; }

    /// <summary>"skillmix-hf:" and the first 16 hex digits of the checkpoint's content hash.</summary>
    public string ModelId => ProviderName + ":" + _student.Checkpoint.ContentHash()[..16];

    public ChatClientMetadata Metadata { get; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await _queue.Enqueue(ToRequest(messages, options), cancellationToken).ConfigureAwait(false);
        return StudentAnswers.Response(_tokenizer.Decode(result.Tokens), result, ModelId);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    // The student belongs to whoever loaded it.
    public void Dispose()
    {
    }

    private SampleRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var turns = messages.Select(m => new ConversationTurn(m.Role, m.Text)).ToList();
        var prompt = InstructEncoding.Encode(Format, _tokenizer, turns, _student.Config.ContextLength).Ids;
        var maxNew = options?.MaxOutputTokens ?? _defaults.MaxOutputTokens;
        if (prompt.Length + Math.Max(1, maxNew) > _student.Config.ContextLength)
        {
            throw new CheckpointException(CheckpointException.TooLong,
                $"A conversation of {prompt.Length} tokens with {maxNew} new tokens does not fit the context of {_student.Config.ContextLength} tokens of {_student.Checkpoint.Folder}; lower MaxNewTokens.");
        }
        var seed = options?.Seed ?? _defaults.Seed;
        var random = StudentAnswers.Stream(seed, options, prompt);
        return new SampleRequest(prompt, options?.Temperature ?? _defaults.Temperature, maxNew, random);
    }
}
