using Microsoft.Extensions.AI;
using SkillMix.Models.Limits;

namespace SkillMix.Models.Cost;

/// <summary>
/// Prices every call that reaches a model and charges it to a step of a <see cref="CostMeter"/>; refuses a call that
/// could take the meter past its budget. Place it inside the call store, so replayed calls cost nothing.
/// </summary>
public sealed class CostChatClient(IChatClient innerClient, CostMeter meter, PriceTable prices, string step, string model, int defaultMaxOutputTokens = 1024)
    : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var requested = options?.ModelId ?? model;
        var price = prices.Find(requested);
        if (price is null && meter.Budget is not null)
        {
            // A budget cannot be kept for a model of unknown price.
            throw PriceTable.NoPrice(requested);
        }
        var estimatedInput = TokenEstimate.Input(list, options);
        var worstCase = price?.Of(estimatedInput, TokenEstimate.MaxOutput(options, defaultMaxOutputTokens)) ?? 0m;
        var reservation = meter.Reserve(step, requested, worstCase);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            meter.Release(reservation);
            throw;
        }
        var reported = response.ModelId ?? requested;
        var input = response.Usage?.InputTokenCount ?? estimatedInput;
        var output = response.Usage?.OutputTokenCount ?? 0;
        meter.Settle(reservation, step, reported, input, output, (prices.Find(reported) ?? price)?.Of(input, output));
        return response;
    }
}
