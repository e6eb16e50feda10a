namespace SkillMix.Core.Tests.Support;

/// <summary>Paths of the hand-made fixture files copied next to the test assembly.</summary>
public static class Fixtures
{
    public static string P2Runs => Path.Combine(AppContext.BaseDirectory, "Fixtures", "p2");

    /// <summary>A folder laid out like Skill-Mix's published test/ folder (written by P2Conformance/make_fixtures.py).</summary>
    public static string SkillMixTest => Path.Combine(AppContext.BaseDirectory, "Fixtures", "skill-mix-test");

    /// <summary>The official metrics of <see cref="SkillMixTest"/>, from P2Conformance/official_aggregation.py.</summary>
    public static string SkillMixTestExpected => Path.Combine(AppContext.BaseDirectory, "Fixtures", "skill-mix-test.expected.json");
}
