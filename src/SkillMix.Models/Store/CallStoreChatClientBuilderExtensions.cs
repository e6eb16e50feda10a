using Microsoft.Extensions.AI;

namespace SkillMix.Models.Store;

public static class CallStoreChatClientBuilderExtensions
{
    /// <summary>
    /// Adds the call store. <paramref name="identity"/> defaults to the inner client's ChatClientMetadata; pass it when
    /// the inner client does not report its provider, endpoint and model.
    /// </summary>
    public static ChatClientBuilder UseCallStore(this ChatClientBuilder builder, CallStore store, CallStoreMode mode, CallIdentity? identity = null) =>
        builder.Use(inner => new CallStoreChatClient(inner, store, mode, identity ?? IdentityOf(inner)));

    private static CallIdentity IdentityOf(IChatClient inner)
    {
        var metadata = inner.GetService<ChatClientMetadata>();
        if (metadata?.ProviderName is { } provider && metadata.ProviderUri is { } endpoint && metadata.DefaultModelId is { } model)
        {
            return new CallIdentity(provider, endpoint, model);
        }
        throw new InvalidOperationException(
            "UseCallStore: the inner chat client does not report its provider, endpoint and model; pass a CallIdentity.");
    }
}
