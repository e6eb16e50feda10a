using System.Text.Json.Nodes;
using SkillMix.Experiments.Planning;

namespace SkillMix.Steps;

/// <summary>The code of one kind of step: reads its inputs' folders and parameters, writes its outputs into a folder.</summary>
internal interface IStep
{
    /// <summary>The <see cref="StepKind"/> this implements.</summary>
    string Kind { get; }

    /// <summary>Runs the step; returns metadata for the manifest (counts, tokens, cost, ...).</summary>
    Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken);
}
