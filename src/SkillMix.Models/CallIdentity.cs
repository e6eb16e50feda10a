using SkillMix.Models.Backends;

namespace SkillMix.Models;

/// <summary>Which backend a call goes to: part of every call's key, so two endpoints or models never share a record.</summary>
/// <param name="Provider">"openai", "azure" or "anthropic" (or another name for a custom client).</param>
/// <param name="Endpoint">The base address, as configured.</param>
/// <param name="Model">The model or deployment asked for, exactly as configured.</param>
public sealed record CallIdentity(string Provider, Uri Endpoint, string Model)
{
    public static CallIdentity Of(BackendSettings settings) =>
        new(settings.Provider.ToString().ToLowerInvariant(), settings.ResolvedEndpoint(), settings.RequestedModel());
}
