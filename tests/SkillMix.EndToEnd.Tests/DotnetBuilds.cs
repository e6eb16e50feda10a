namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// The end-to-end classes run one after another: each starts real builds that share the repository's tool outputs, and
/// the machine's few cores are better spent on one build at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuilds
{
    public const string Name = "dotnet builds";
}
