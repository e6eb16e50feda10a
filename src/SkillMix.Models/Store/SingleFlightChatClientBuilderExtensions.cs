using Microsoft.Extensions.AI;

namespace SkillMix.Models.Store;

public static class SingleFlightChatClientBuilderExtensions
{
    /// <summary>
    /// Makes identical requests in flight at once share one call; see <see cref="SingleFlightChatClient"/>. Add it just
    /// before the call store, with the same identity, so that both agree on what "identical" is.
    /// </summary>
    public static ChatClientBuilder UseSingleFlight(this ChatClientBuilder builder, CallIdentity identity) =>
        builder.Use(inner => new SingleFlightChatClient(inner, identity));
}
