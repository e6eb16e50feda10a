using Microsoft.Extensions.AI;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Models;
using SkillMix.OfflineWorld.Chat;
using SkillMix.Models.Backends;
using SkillMix.Models.Cost;
using SkillMix.Models.Store;
using SkillMix.Training.Chat;
using SkillMix.Training.Checkpoints;

namespace SkillMix.Cli.Backends;

/// <summary>
/// Turns a model's name in an experiment into a ready chat client: "offline" (the embedded teacher and grader), "tinygpt"
/// (the step's student checkpoint), or "provider:model" (a real API behind the call store, limits and the cost meter).
/// </summary>
internal static class ChatBackends
{
    public static Backend Create(string name, ModelRole role, ResolvedWorld world, StepFile step)
    {
        var meter = new CostMeter();
        return name switch
        {
            "offline" => Offline(role, world, step, meter),
            "tinygpt" => TinyGpt(step, meter),
            _ when BackendNames.IsApi(name) => Api(name, step, meter),
            _ => throw new InvalidDataException($"'{name}' is not a known model. {BackendNames.Help}"),
        };
    }

    private static Backend Offline(ModelRole role, ResolvedWorld world, StepFile step, CostMeter meter)
    {
        var offline = world.Offline
            ?? throw new InvalidDataException("the offline teacher and grader work in the offline world only; set World to offline, or name an API model.");
        IChatClient client = role switch
        {
            ModelRole.Teacher => OfflineChatClients.Teacher(offline),
            ModelRole.Grader => OfflineChatClients.Grader(offline),
            _ => throw new InvalidDataException("the offline world has no student; use tinygpt."),
        };
        // Rule-based models are CPU-bound and quick: one call per core at a time.
        return new Backend(Metered(client, meter, step), new ChatOptions { Seed = Seed(step) }, Environment.ProcessorCount, meter);
    }

    private static Backend TinyGpt(StepFile step, CostMeter meter)
    {
        var checkpoint = Path.Combine(step.Input("model").Directory, Steps.StudentSetup.CheckpointFolder);
        var student = Student.Load(checkpoint, Steps.StudentSetup.Device(step));
        var defaults = new StudentChatOptions();
        var options = new ChatOptions
        {
            Temperature = (float)step.Parameter<double>("Temperature"),
            MaxOutputTokens = step.Parameter<int>("MaxNewTokens"),
            Seed = Seed(step),
        };
        // Enough calls in flight that the student can sample them as one batch.
        return new Backend(Metered(new StudentChatClient(student, defaults), meter, step), options, defaults.MaxBatch, meter);
    }

    private static Backend Api(string name, StepFile step, CostMeter meter)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var provider = name[..colon] switch
        {
            "azure" => ModelProvider.Azure,
            "anthropic" => ModelProvider.Anthropic,
            _ => ModelProvider.OpenAI,
        };
        var model = name[(colon + 1)..];
        var settings = new BackendSettings
        {
            Provider = provider,
            Model = provider == ModelProvider.Azure ? null : model,
            Deployment = provider == ModelProvider.Azure ? model : null,
            Endpoint = Environment.GetEnvironmentVariable(EndpointVariable(provider)) is { Length: > 0 } endpoint ? new Uri(endpoint) : null,
        };
        var calls = new CallStore(Path.Combine(CallStoreRoot(), "calls"));
        var client = ModelPipeline.Build(settings, step.Id, calls, CallMode(), meter);
        return new Backend(client, new ChatOptions { Seed = Seed(step) }, Math.Max(1, settings.Limits.MaxConcurrency), meter);
    }

    private static IChatClient Metered(IChatClient client, CostMeter meter, StepFile step) =>
        new ChatClientBuilder(client).UseCost(meter, PriceTable.BuiltIn, step.Id, client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "local").Build();

    private static long Seed(StepFile step) =>
        step.Definition.Parameters.ContainsKey("Seed") ? step.Parameter<long>("Seed") : 0;

    private static string EndpointVariable(ModelProvider provider) => provider switch
    {
        ModelProvider.Azure => "AZURE_OPENAI_ENDPOINT",
        ModelProvider.Anthropic => "ANTHROPIC_BASE_URL",
        _ => "OPENAI_BASE_URL",
    };

    private static string CallStoreRoot() =>
        Environment.GetEnvironmentVariable("SKILLMIX_CALLS") is { Length: > 0 } path ? path : SkillMix.Store.StoreLocation.Default();

    private static CallStoreMode CallMode() =>
        Environment.GetEnvironmentVariable("SKILLMIX_CALL_MODE")?.ToLowerInvariant() switch
        {
            "replay" or "replay-only" => CallStoreMode.ReplayOnly,
            "record" => CallStoreMode.Record,
            _ => CallStoreMode.Live,
        };
}
