using Microsoft.Extensions.AI;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Models;
using SkillMix.OfflineWorld.Chat;
using SkillMix.Models.Backends;
using SkillMix.Models.Cost;
using SkillMix.Models.Store;
using SkillMix.Steps.Costs;
using SkillMix.Training.Chat;
using SkillMix.Training.Checkpoints;

namespace SkillMix.Steps.ChatModels;

/// <summary>
/// Turns a model's name in an experiment into a ready chat client: "offline" (the embedded teacher and grader), "tinygpt"
/// (the step's student checkpoint), "hf:..." (the Hugging Face checkpoint the plan resolved), or "provider:model" (a real API behind the call store, limits and the cost meter).
/// </summary>
internal static class ChatBackends
{
    /// <summary>The model <paramref name="name"/> in <paramref name="role"/> for <paramref name="step"/>; every call carries
    /// <paramref name="options"/> (from the step's parameters: the seed, and a student's sampling settings); an API
    /// model's retries and waits go to <paramref name="log"/>.</summary>
    public static Backend Create(string name, ModelRole role, ResolvedWorld world, StepFile step, ChatOptions options, TextWriter? log = null)
    {
        Check(name, role, step.Id);
        // Local models cost nothing and have no price, which a budgeted meter would refuse: only API calls are budgeted.
        return name switch
        {
            BackendNames.Offline or BackendNames.OfflineLenient => Offline(name, role, world, step, options, new CostMeter()),
            BackendNames.TinyGpt => TinyGpt(step, options, new CostMeter()),
            _ when BackendNames.IsHuggingFace(name) => HuggingFace(step, options, new CostMeter()),
            _ when BackendNames.IsApi(name) => Api(name, step, options, ExperimentCosts.Meter(step), log ?? TextWriter.Null),
            _ => throw new InvalidDataException($"'{name}' is not a known model. {BackendNames.Help}"),
        };
    }

    /// <summary>
    /// What must hold before a step uses a model, checked without calling it: an API model's key is set (unless calls are
    /// replayed from the store), and the student is one this version can run.
    /// </summary>
    public static void Check(string name, ModelRole role, string stepId)
    {
        if (!BackendNames.IsApi(name) || CallMode() == CallStoreMode.ReplayOnly)
        {
            return;
        }
        var settings = Settings(name);
        if (settings.AzureAuthentication == AzureAuthentication.ApiKey && settings.KeyVariable() is { Length: > 0 } variable
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            throw new StepStopException(ErrorCodes.MissingKey, stepId,
                $"calls {name} (the {role.ToString().ToLowerInvariant()}), and the environment variable {variable} that holds its key "
                + $"is not set. Set {variable} in the environment of the build (never in a file), or set SKILLMIX_CALL_MODE=replay "
                + "to use only calls already in the call store.");
        }
    }

    private static Backend Offline(string name, ModelRole role, ResolvedWorld world, StepFile step, ChatOptions options, CostMeter meter)
    {
        var offline = world.Offline
            ?? throw new InvalidDataException("the offline teacher and grader work in the offline world only; set World to offline, or name an API model.");
        IChatClient client = (role, name) switch
        {
            (ModelRole.Teacher, BackendNames.Offline) => OfflineChatClients.Teacher(offline),
            (ModelRole.Grader, BackendNames.Offline) => OfflineChatClients.Grader(offline),
            (ModelRole.Grader, BackendNames.OfflineLenient) => OfflineChatClients.LenientGrader(offline),
            (ModelRole.Teacher, _) => throw new InvalidDataException($"'{name}' is a grader only; use 'offline' as teacher."),
            _ => throw new InvalidDataException("the offline world has no student; use tinygpt."),
        };
        // Rule-based models are CPU-bound and quick: one call per core at a time.
        return new Backend(Metered(client, meter, step), options, Environment.ProcessorCount, meter);
    }

    private static Backend TinyGpt(StepFile step, ChatOptions options, CostMeter meter)
    {
        // The sample step's numerics, before the checkpoint's load touches TorchSharp.
        Steps.StudentSetup.UseNumerics(step.Parameters<SampleParameters>().SkillMixNumerics, step.Id);
        var checkpoint = Path.Combine(step.Input("model").Directory, Steps.StudentSetup.CheckpointFolder);
        var student = Student.Load(checkpoint, Steps.StudentSetup.Device(step));
        var defaults = new StudentChatOptions();
        // Enough calls in flight that the student can sample them as one batch.
        return new Backend(Metered(new StudentChatClient(student, defaults), meter, step), options, defaults.MaxBatch, meter);
    }

    private static Backend HuggingFace(StepFile step, ChatOptions options, CostMeter meter)
    {
        if (step.Inputs.ContainsKey("model"))
        {
            // A fine-tuned hf: student would be the train step's output, which this version cannot make.
            throw new StepStopException(ErrorCodes.StudentUnavailable, step.Id, "samples a fine-tuned hf: student, and fine-tuning one is not available in this version of SkillMix.");
        }
        var checkpoint = HfStudentSetup.Checkpoint(step);
        // The sample step's numerics, before the checkpoint's load touches TorchSharp.
        Steps.StudentSetup.UseNumerics(step.Parameters<SampleParameters>().SkillMixNumerics, step.Id);
        var device = Steps.StudentSetup.Device(step);
        var student = HfStudent.Load(checkpoint.Folder!, device, HfStudentSetup.DType(device));
        var defaults = new StudentChatOptions();
        return new Backend(Metered(new HfChatClient(student, defaults), meter, step), options, defaults.MaxBatch, meter, owned: student);
    }

    private static Backend Api(string name, StepFile step, ChatOptions options, CostMeter meter, TextWriter log)
    {
        var settings = Settings(name);
        var calls = new CallStore(SkillMix.Store.CallRecordFiles.DefaultRoot());
        var stepLog = new StepLog(log, step.Id);
        var client = ModelPipeline.Build(settings, step.Id, calls, CallMode(), meter, ExperimentCosts.Prices(step), logger: stepLog);
        return new Backend(client, options, Math.Max(1, settings.Limits.MaxConcurrency), meter, stepLog);
    }

    /// <summary>The backend settings of a provider:model name; the endpoint may come from the provider's usual variable.</summary>
    public static BackendSettings Settings(string name)
    {
        // BackendNames.Providers names them; the enum member of the same name speaks the protocol.
        var provider = Enum.Parse<ModelProvider>(BackendNames.ProviderOf(name), ignoreCase: true);
        var model = name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return new BackendSettings
        {
            Provider = provider,
            Model = provider == ModelProvider.Azure ? null : model,
            Deployment = provider == ModelProvider.Azure ? model : null,
            Endpoint = Environment.GetEnvironmentVariable(EndpointVariable(provider)) is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
        };
    }

    private static IChatClient Metered(IChatClient client, CostMeter meter, StepFile step) =>
        new ChatClientBuilder(client).UseCost(meter, PriceTable.BuiltIn, step.Id, client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "local").Build();

    private static string EndpointVariable(ModelProvider provider) => provider switch
    {
        ModelProvider.Azure => "AZURE_OPENAI_ENDPOINT",
        ModelProvider.Anthropic => "ANTHROPIC_BASE_URL",
        _ => "OPENAI_BASE_URL",
    };

    public static CallStoreMode CallMode() =>
        Environment.GetEnvironmentVariable("SKILLMIX_CALL_MODE")?.ToLowerInvariant() switch
        {
            "replay" or "replay-only" => CallStoreMode.ReplayOnly,
            "record" => CallStoreMode.Record,
            _ => CallStoreMode.Live,
        };
}
