namespace SkillMix.Models.Backends;

/// <summary>How an Azure OpenAI backend proves who it is.</summary>
public enum AzureAuthentication
{
    /// <summary>The key in the environment variable named by <see cref="BackendSettings.ApiKeyVariable"/>, sent as "api-key".</summary>
    ApiKey,

    /// <summary>A Microsoft Entra ID token from Azure.Identity's DefaultAzureCredential (managed identity, az login...).</summary>
    EntraId,
}
