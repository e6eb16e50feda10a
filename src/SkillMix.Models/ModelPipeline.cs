using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SkillMix.Models.Backends;
using SkillMix.Models.Cost;
using SkillMix.Models.Limits;
using SkillMix.Models.Store;

namespace SkillMix.Models;

/// <summary>
/// The usual stack over a backend, outermost first: single flight (identical requests in flight at once share one call),
/// call store (a hit costs nothing and waits for no limit), cost and budget, limits, then the backend with its retries.
/// </summary>
public static class ModelPipeline
{
    public static IChatClient Build(
        BackendSettings settings,
        string step,
        CallStore? store = null,
        CallStoreMode mode = CallStoreMode.Live,
        CostMeter? meter = null,
        PriceTable? prices = null,
        Func<string, string?>? environment = null,
        ILogger? logger = null)
    {
        var builder = new ChatClientBuilder(ChatBackend.Create(settings, environment, logger));
        if (store is not null)
        {
            // Outside the store: a second identical request waits for the first's reply instead of missing the store too.
            builder.UseSingleFlight(CallIdentity.Of(settings));
            builder.UseCallStore(store, mode, CallIdentity.Of(settings));
        }
        if (meter is not null)
        {
            builder.UseCost(meter, prices ?? PriceTable.BuiltIn, step, settings.RequestedModel(), settings.DefaultMaxOutputTokens);
        }
        builder.UseCallLimits(settings.Limits, settings.DefaultMaxOutputTokens, logger);
        return builder.Build();
    }
}
