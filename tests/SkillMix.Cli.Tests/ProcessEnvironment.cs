namespace SkillMix.Cli.Tests;

/// <summary>The test classes that set variables of this process (keys, endpoints, the call store) run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";
}
