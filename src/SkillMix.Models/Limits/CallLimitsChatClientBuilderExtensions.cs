using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SkillMix.Models.Backends;

namespace SkillMix.Models.Limits;

public static class CallLimitsChatClientBuilderExtensions
{
    /// <summary>Adds concurrency and per-minute limits; see <see cref="CallLimitsChatClient"/>.</summary>
    public static ChatClientBuilder UseCallLimits(this ChatClientBuilder builder, CallLimits limits, int defaultMaxOutputTokens = 1024,
        ILogger? logger = null) =>
        builder.Use(inner => new CallLimitsChatClient(inner, limits, defaultMaxOutputTokens, logger));
}
