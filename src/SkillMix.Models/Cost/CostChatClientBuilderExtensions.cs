using Microsoft.Extensions.AI;

namespace SkillMix.Models.Cost;

public static class CostChatClientBuilderExtensions
{
    /// <summary>Charges calls to <paramref name="step"/> of <paramref name="meter"/>; see <see cref="CostChatClient"/>.</summary>
    public static ChatClientBuilder UseCost(this ChatClientBuilder builder, CostMeter meter, PriceTable prices, string step, string model, int defaultMaxOutputTokens = 1024) =>
        builder.Use(inner => new CostChatClient(inner, meter, prices, step, model, defaultMaxOutputTokens));
}
