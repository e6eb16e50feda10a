using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Runtime;
using SkillMix.Training.Sampling;
using SkillMix.Training.Text;

namespace SkillMix.Training.Chat;

/// <summary>
/// A trained student as a chat model. It renders the messages with the student's chat template, samples an answer up to
/// the end-of-turn marker, and reports the model id and token usage. Concurrent requests are sampled together: whoever
/// arrives while a batch runs joins the next one, so a pipeline that awaits many calls at once keeps the batch full.
/// Each request draws from a stream seeded by (seed, repeat index, prompt), so the same request gives the same text on
/// every run and in any batch, and another repeat gives another draw.
/// </summary>
public sealed class StudentChatClient : IChatClient
{
    /// <summary>The ChatOptions.AdditionalProperties key of the repeat index (1st, 2nd, 3rd generation of one prompt).</summary>
    public const string RepeatProperty = ChatOptionKeys.Repeat;

    public const string ProviderName = "skillmix-student";

    private readonly Student _student;
    private readonly StudentChatOptions _defaults;
    private readonly ChatTemplateKind _template;
    private readonly BatchQueue<SampleRequest, SampleResult> _queue;

    public StudentChatClient(Student student, StudentChatOptions? defaults = null)
    {
        _student = student;
        _defaults = defaults ?? new StudentChatOptions();
        _template = _defaults.Template ?? student.Template;
        TorchRuntime.UseThreads(_defaults.Threads);
        _queue = new BatchQueue<SampleRequest, SampleResult>(batch => Sampler.Generate(student.Model, batch, _defaults.UseKvCache), _defaults.MaxBatch);
        Metadata = new ChatClientMetadata(ProviderName, providerUri: null, defaultModelId: ModelId);
    }

    /// <summary>"skillmix-student:" and the checkpoint's id.</summary>
    public string ModelId => ProviderName + ":" + _student.Id;

    public ChatClientMetadata Metadata { get; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        var result = await _queue.Enqueue(request, cancellationToken).ConfigureAwait(false);
        return ToResponse(result);
    }

    /// <summary>Answers many conversations at once, in batches of at most MaxBatch; results are in the input's order.</summary>
    public async Task<IReadOnlyList<ChatResponse>> GetResponsesAsync(
        IReadOnlyList<IEnumerable<ChatMessage>> conversations, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = await Task.WhenAll(_queue.EnqueueAll(conversations.Select(c => ToRequest(c, options)).ToArray(), cancellationToken)).ConfigureAwait(false);
        return results.Select(ToResponse).ToArray();
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
        var prompt = ChatTemplate.EncodePrompt(_student.Tokenizer, messages, _template);
        var seed = options?.Seed ?? _defaults.Seed;
        var random = StudentAnswers.Stream(seed, options, prompt);
        return new SampleRequest(prompt, options?.Temperature ?? _defaults.Temperature, options?.MaxOutputTokens ?? _defaults.MaxOutputTokens, random);
    }

    private ChatResponse ToResponse(SampleResult result) =>
        StudentAnswers.Response(_student.Tokenizer.Decode(result.Tokens), result, ModelId);
}
