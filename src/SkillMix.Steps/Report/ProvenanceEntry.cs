using System.Text.Json.Nodes;

namespace SkillMix.Steps.Report;

/// <summary>One step of the experiment as its manifest records it.</summary>
/// <param name="Id">The step's id in the plan (for example "generate-D1").</param>
/// <param name="Kind">The step kind (generate, grade-generations, filter, train, ...).</param>
/// <param name="Key">The step's content key.</param>
/// <param name="CodeVersion">The version of the step kind's code that the key includes.</param>
/// <param name="Parameters">The parameters the key covers.</param>
/// <param name="Metadata">What the run recorded: wallSeconds, model ids, usage (calls, tokens, cost), counts.</param>
/// <param name="Restored">True when this build restored the outputs from the store instead of running the step.</param>
internal sealed record ProvenanceEntry(
    string Id,
    string Kind,
    string Key,
    string CodeVersion,
    JsonObject Parameters,
    JsonObject Metadata,
    bool Restored);
