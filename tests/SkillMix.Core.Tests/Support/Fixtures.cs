namespace SkillMix.Core.Tests.Support;

/// <summary>Paths of the hand-made fixture files copied next to the test assembly.</summary>
public static class Fixtures
{
    public static string P2Runs => Path.Combine(AppContext.BaseDirectory, "Fixtures", "p2");
}
