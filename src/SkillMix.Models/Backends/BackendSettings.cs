namespace SkillMix.Models.Backends;

/// <summary>
/// Everything needed to reach one chat model. Secrets are never part of it: only the NAME of the environment variable
/// that holds the key, so settings can be logged, hashed and packaged.
/// </summary>
public sealed record BackendSettings
{
    /// <summary>The wire protocol.</summary>
    public ModelProvider Provider { get; init; } = ModelProvider.OpenAI;

    /// <summary>
    /// The service's base address. openai: up to and including "/v1" (default https://api.openai.com/v1; for Ollama
    /// http://localhost:11434/v1). azure: the resource, e.g. https://NAME.openai.azure.com/ (required).
    /// anthropic: default https://api.anthropic.com.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The model to ask for (openai, anthropic), e.g. "gpt-4-0613" or "claude-sonnet-4-5-20250929".</summary>
    public string? Model { get; init; }

    /// <summary>The Azure deployment name (azure only); the API reports the underlying model id, which is recorded.</summary>
    public string? Deployment { get; init; }

    /// <summary>
    /// The Azure API version: null for the SDK's default, "v1" for the version-less /openai/v1/ API, or a dated version
    /// such as "2024-10-21".
    /// </summary>
    public string? ApiVersion { get; init; }

    /// <summary>
    /// The environment variable that holds the API key. Defaults per provider: OPENAI_API_KEY, AZURE_OPENAI_API_KEY,
    /// ANTHROPIC_API_KEY. Set it to "" for local OpenAI-compatible servers that need no key.
    /// </summary>
    public string? ApiKeyVariable { get; init; }

    /// <summary>Azure only: key or Entra ID.</summary>
    public AzureAuthentication AzureAuthentication { get; init; } = AzureAuthentication.ApiKey;

    /// <summary>Anthropic requires an output cap on every call; used when the caller sets none.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 1024;

    /// <summary>Concurrency and per-minute quotas.</summary>
    public CallLimits Limits { get; init; } = new();

    /// <summary>Retries and the per-attempt timeout.</summary>
    public RetrySettings Retry { get; init; } = new();

    // The three below are methods, not properties, so that serializing or printing settings never runs them.

    /// <summary>The environment variable actually read for the key ("" = none).</summary>
    public string KeyVariable() => ApiKeyVariable ?? Provider switch
    {
        ModelProvider.Azure => "AZURE_OPENAI_API_KEY",
        ModelProvider.Anthropic => "ANTHROPIC_API_KEY",
        _ => "OPENAI_API_KEY",
    };

    /// <summary>The base address used when <see cref="Endpoint"/> is not set.</summary>
    public Uri ResolvedEndpoint() => Endpoint ?? Provider switch
    {
        ModelProvider.Anthropic => new Uri("https://api.anthropic.com"),
        ModelProvider.OpenAI => new Uri("https://api.openai.com/v1"),
        _ => throw new BackendSettingsException("Endpoint", "an azure backend needs its resource address, e.g. https://NAME.openai.azure.com/"),
    };

    /// <summary>What the caller asks for: the deployment on Azure, the model elsewhere.</summary>
    public string RequestedModel() => (Provider == ModelProvider.Azure ? Deployment : Model)
        ?? throw new BackendSettingsException(
            Provider == ModelProvider.Azure ? "Deployment" : "Model",
            Provider == ModelProvider.Azure ? "name the Azure deployment to call" : "name the model to call, e.g. gpt-4-0613");

    /// <summary>Fails with the property to fix when the settings cannot work.</summary>
    public void Validate()
    {
        _ = ResolvedEndpoint();
        _ = RequestedModel();
        if (Limits.MaxConcurrency < 0 || Limits.RequestsPerMinute < 0 || Limits.TokensPerMinute < 0)
        {
            throw new BackendSettingsException("Limits", "limits are counts; use 0 for no limit");
        }
        if (Retry.MaxRetries < 0)
        {
            throw new BackendSettingsException("Retry.MaxRetries", "use 0 to disable retries");
        }
        if (Retry.AttemptTimeout <= TimeSpan.Zero)
        {
            throw new BackendSettingsException("Retry.AttemptTimeout", "give a positive time such as \"00:05:00\"");
        }
        if (DefaultMaxOutputTokens <= 0)
        {
            throw new BackendSettingsException("DefaultMaxOutputTokens", "give a positive number of tokens");
        }
    }
}
