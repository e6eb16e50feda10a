using Microsoft.Extensions.AI;
using SkillMix.FakeModelServer;
using SkillMix.Models.Backends;

namespace SkillMix.Models.Tests.Support;

/// <summary>Backends pointed at a fake server, with fast retries so fault tests take milliseconds.</summary>
internal static class TestBackends
{
    public const string Key = "sk-test-key-0001";

    public static readonly RetrySettings FastRetry = new()
    {
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(20),
    };

    public static BackendSettings Settings(FakeServer server, ModelProvider provider, string model = "gpt-4") => provider switch
    {
        ModelProvider.Azure => new BackendSettings
        {
            Provider = provider, Endpoint = server.BaseAddress, Deployment = model, ApiKeyVariable = "TEST_AZURE_KEY", Retry = FastRetry,
        },
        ModelProvider.Anthropic => new BackendSettings
        {
            Provider = provider, Endpoint = server.BaseAddress, Model = model, ApiKeyVariable = "TEST_ANTHROPIC_KEY", Retry = FastRetry,
        },
        _ => new BackendSettings
        {
            Provider = provider, Endpoint = server.OpenAIEndpoint, Model = model, ApiKeyVariable = "TEST_OPENAI_KEY", Retry = FastRetry,
        },
    };

    public static Func<string, string?> Environment(string? key = Key) => _ => key;

    public static IChatClient Create(BackendSettings settings, string? key = Key, ListLogger? logger = null) =>
        ChatBackend.Create(settings, Environment(key), logger);

    public static List<ChatMessage> Ask(string text) => [new(ChatRole.User, text)];
}
