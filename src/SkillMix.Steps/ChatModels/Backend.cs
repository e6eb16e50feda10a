using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using SkillMix.Models.Cost;
using SkillMix.Models.Store;
using SkillMix.Store;

namespace SkillMix.Steps.ChatModels;

/// <summary>A chat model ready for a step: the client with its middleware, the options every call carries, how many calls may run at once, the meter of what they used, and what it owns (a step log, a loaded student), disposed with it.</summary>
internal sealed class Backend(IChatClient client, ChatOptions options, int concurrency, CostMeter meter, IDisposable? owned = null) : IDisposable
{
    public IChatClient Client => client;

    public ChatOptions Options => options;

    public int Concurrency => concurrency;

    /// <summary>Calls, tokens and cost of this step, for its manifest and the experiment's provenance.</summary>
    public JsonObject Usage()
    {
        var steps = meter.Steps();
        return new JsonObject
        {
            ["calls"] = steps.Sum(s => s.Calls),
            ["inputTokens"] = steps.Sum(s => s.InputTokens),
            ["outputTokens"] = steps.Sum(s => s.OutputTokens),
            ["costUsd"] = steps.Sum(s => s.Usd),
            ["unpricedCalls"] = steps.Sum(s => s.UnpricedCalls),
        };
    }

    /// <summary>
    /// An API model's step lists the call records it used (calls.txt beside its outputs), so packing can carry exactly
    /// those records. Local models (offline, tinygpt) have no call store and list nothing.
    /// </summary>
    public void ListCalls(string outputDirectory)
    {
        if (client.GetService<CallStoreChatClient>() is { } calls)
        {
            CallRecordFiles.WriteList(Path.Combine(outputDirectory, CallRecordFiles.ListFileName), calls.UsedKeys);
        }
    }

    public void Dispose()
    {
        client.Dispose();
        owned?.Dispose();
    }
}
