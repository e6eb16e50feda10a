using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.Core.Sampling;
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
    private readonly Lock _gate = new();
    private readonly List<(SampleRequest Request, TaskCompletionSource<SampleResult> Done)> _pending = [];
    private bool _draining;

    public StudentChatClient(Student student, StudentChatOptions? defaults = null)
    {
        _student = student;
        _defaults = defaults ?? new StudentChatOptions();
        _template = _defaults.Template ?? student.Template;
        TorchRuntime.UseThreads(_defaults.Threads);
        Metadata = new ChatClientMetadata(ProviderName, providerUri: null, defaultModelId: ModelId);
    }

    /// <summary>"skillmix-student:" and the checkpoint's id.</summary>
    public string ModelId => ProviderName + ":" + _student.Id;

    public ChatClientMetadata Metadata { get; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        var result = await Enqueue([request], cancellationToken)[0].ConfigureAwait(false);
        return ToResponse(result);
    }

    /// <summary>Answers many conversations at once, in batches of at most MaxBatch; results are in the input's order.</summary>
    public async Task<IReadOnlyList<ChatResponse>> GetResponsesAsync(
        IReadOnlyList<IEnumerable<ChatMessage>> conversations, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = await Task.WhenAll(Enqueue(conversations.Select(c => ToRequest(c, options)).ToArray(), cancellationToken)).ConfigureAwait(false);
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
        var random = SeededRandom.ForStream(seed, "student-sample", RepeatOf(options), PromptHash(prompt));
        return new SampleRequest(prompt, options?.Temperature ?? _defaults.Temperature, options?.MaxOutputTokens ?? _defaults.MaxOutputTokens, random);
    }

    private ChatResponse ToResponse(SampleResult result) =>
        new(new ChatMessage(ChatRole.Assistant, _student.Tokenizer.Decode(result.Tokens)))
        {
            ModelId = ModelId,
            FinishReason = result.Stopped ? ChatFinishReason.Stop : ChatFinishReason.Length,
            Usage = new UsageDetails
            {
                InputTokenCount = result.PromptTokens,
                OutputTokenCount = result.Tokens.Length,
                TotalTokenCount = result.PromptTokens + result.Tokens.Length,
            },
        };

    private Task<SampleResult>[] Enqueue(IReadOnlyList<SampleRequest> requests, CancellationToken cancellationToken)
    {
        var tasks = new Task<SampleResult>[requests.Count];
        bool start;
        lock (_gate)
        {
            for (var i = 0; i < requests.Count; i++)
            {
                var done = new TaskCompletionSource<SampleResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
                done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _pending.Add((requests[i], done));
                tasks[i] = done.Task;
            }
            start = !_draining;
            _draining = true;
        }
        if (start)
        {
            _ = Task.Run(Drain, CancellationToken.None);
        }
        return tasks;
    }

    // One drainer at a time runs the model; it takes whatever is pending, up to MaxBatch, until nothing is.
    private void Drain()
    {
        while (true)
        {
            List<(SampleRequest Request, TaskCompletionSource<SampleResult> Done)> batch;
            lock (_gate)
            {
                _pending.RemoveAll(p => p.Done.Task.IsCompleted);
                if (_pending.Count == 0)
                {
                    _draining = false;
                    return;
                }
                batch = _pending.Take(Math.Max(1, _defaults.MaxBatch)).ToList();
                _pending.RemoveRange(0, batch.Count);
            }
            try
            {
                var results = Sampler.Generate(_student.Model, batch.Select(p => p.Request).ToArray(), _defaults.UseKvCache);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(e);
                }
            }
        }
    }

    internal static long RepeatOf(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(RepeatProperty, out var value) == true
            ? value switch
            {
                int i => i,
                long l => l,
                string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } j => j.GetInt64(),
                _ => throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{RepeatProperty}\"] must be an integer, not '{value}'."),
            }
            : 0;

    // FNV-1a over the prompt's tokens: different prompts of one seed and repeat draw from different streams.
    private static long PromptHash(int[] prompt)
    {
        var h = 14695981039346656037UL;
        foreach (var token in prompt)
        {
            h = (h ^ (uint)token) * 1099511628211UL;
        }
        return unchecked((long)h);
    }
}
