using System.Text.Json.Nodes;

namespace SkillMix.Models.Tests.Support;

internal static class JsonAssert
{
    /// <summary>Same members and values, in any member order.</summary>
    public static void Equivalent(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"JSON differs.{Environment.NewLine}expected: {e!.ToJsonString()}{Environment.NewLine}actual:   {a!.ToJsonString()}");
    }
}
