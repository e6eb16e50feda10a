using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAI.Chat;
using SkillMix.Models.Http;

namespace SkillMix.Models.Backends;

/// <summary>
/// Builds the IChatClient of a backend from its settings. Every SDK sends through one HttpClient whose handler owns
/// retries and timeouts (the SDKs' own retries are off: OpenAI 2.15's default waits 0 s between retries), so all
/// providers fail, wait and log the same way.
/// </summary>
public static class ChatBackend
{
    private const string NoKeyPlaceholder = "no-key";
    private const string AzureScope = "https://cognitiveservices.azure.com/.default";

    /// <param name="settings">The backend.</param>
    /// <param name="environment">Reads an environment variable; defaults to the process environment (tests plant keys).</param>
    /// <param name="logger">Receives retry warnings; never headers or keys.</param>
    /// <param name="transport">The innermost handler; defaults to a pooled SocketsHttpHandler.</param>
    /// <param name="azureCredential">Entra ID credential for azure backends; defaults to DefaultAzureCredential.</param>
    public static IChatClient Create(
        BackendSettings settings,
        Func<string, string?>? environment = null,
        ILogger? logger = null,
        HttpMessageHandler? transport = null,
        TokenCredential? azureCredential = null)
    {
        settings.Validate();
        environment ??= Environment.GetEnvironmentVariable;
        var identity = CallIdentity.Of(settings);
        var metadata = new ChatClientMetadata(identity.Provider, identity.Endpoint, identity.Model);

        string? key = null;
        var needsKey = !string.IsNullOrEmpty(settings.KeyVariable())
            && !(settings.Provider == ModelProvider.Azure && settings.AzureAuthentication == AzureAuthentication.EntraId);
        if (needsKey)
        {
            key = environment(settings.KeyVariable());
            if (string.IsNullOrWhiteSpace(key))
            {
                return new UnavailableChatClient(
                    $"The {identity.Provider} backend for '{identity.Model}' needs an API key: set the environment variable " +
                    $"{settings.KeyVariable()} (or name another one in the backend setting ApiKeyVariable).", metadata);
            }
        }

        // Random.Shared: concurrent calls draw jitter at the same time, and a plain Random is not thread-safe.
        var handler = new RetryingHandler(settings, logger ?? NullLogger.Instance, Random.Shared.NextDouble)
        {
            InnerHandler = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        // The handler enforces the per-attempt timeout; HttpClient's own 100 s would cut long generations short.
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };

        return settings.Provider switch
        {
            ModelProvider.OpenAI => CreateOpenAI(settings, key ?? NoKeyPlaceholder, http),
            ModelProvider.Azure => CreateAzure(settings, key, http, azureCredential),
            ModelProvider.Anthropic => CreateAnthropic(settings, key ?? NoKeyPlaceholder, http),
            _ => throw new BackendSettingsException("Provider", $"unknown provider {settings.Provider}; use openai, azure or anthropic"),
        };
    }

    private static IChatClient CreateOpenAI(BackendSettings settings, string key, HttpClient http)
    {
        var options = new OpenAIClientOptions { Endpoint = settings.ResolvedEndpoint() };
        Own(options, http);
        return new ChatClient(settings.RequestedModel(), new ApiKeyCredential(key), options).AsIChatClient();
    }

    private static IChatClient CreateAzure(BackendSettings settings, string? key, HttpClient http, TokenCredential? credential)
    {
        credential ??= key is null ? new DefaultAzureCredential() : null;
        if (string.Equals(settings.ApiVersion, "v1", StringComparison.OrdinalIgnoreCase))
        {
            // The version-less Azure API speaks OpenAI's protocol under /openai/v1/ and takes the key as a bearer token.
            var v1 = new OpenAIClientOptions { Endpoint = new Uri(settings.ResolvedEndpoint(), "openai/v1/") };
            Own(v1, http);
            // The AuthenticationPolicy constructor is marked experimental (OPENAI001); it is the SDK's way to send Entra ID tokens.
#pragma warning disable OPENAI001
            return key is null
                ? new ChatClient(settings.RequestedModel(), new BearerTokenPolicy(credential!, AzureScope), v1).AsIChatClient()
                : new ChatClient(settings.RequestedModel(), new ApiKeyCredential(key), v1).AsIChatClient();
#pragma warning restore OPENAI001
        }

        var options = settings.ApiVersion is null ? new AzureOpenAIClientOptions() : new AzureOpenAIClientOptions(AzureVersion(settings.ApiVersion));
        Own(options, http);
        var client = key is null
            ? new AzureOpenAIClient(settings.ResolvedEndpoint(), credential!, options)
            : new AzureOpenAIClient(settings.ResolvedEndpoint(), new ApiKeyCredential(key), options);
        return client.GetChatClient(settings.RequestedModel()).AsIChatClient();
    }

    private static IChatClient CreateAnthropic(BackendSettings settings, string key, HttpClient http)
    {
        var client = new AnthropicClient
        {
            ApiKey = key,
            BaseUrl = settings.ResolvedEndpoint().ToString().TrimEnd('/'),
            HttpClient = http,
            MaxRetries = 0,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return client.AsIChatClient(settings.RequestedModel(), settings.DefaultMaxOutputTokens);
    }

    private static void Own(ClientPipelineOptions options, HttpClient http)
    {
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        options.Transport = new HttpClientPipelineTransport(http);
        options.NetworkTimeout = Timeout.InfiniteTimeSpan;
    }

    private static AzureOpenAIClientOptions.ServiceVersion AzureVersion(string apiVersion)
    {
        var name = "V" + apiVersion.Replace('-', '_');
        if (Enum.TryParse<AzureOpenAIClientOptions.ServiceVersion>(name, ignoreCase: true, out var version))
        {
            return version;
        }
        var known = string.Join(", ", Enum.GetNames<AzureOpenAIClientOptions.ServiceVersion>()
            .Select(n => n[1..].Replace('_', '-')));
        throw new BackendSettingsException("ApiVersion", $"'{apiVersion}' is not an api-version this Azure SDK knows; use v1 or one of {known}");
    }
}
