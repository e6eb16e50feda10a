using System.Text.RegularExpressions;

namespace SkillMix.OfflineWorld.Language;

/// <summary>Compiles a checker's template ("{THING:x}" captures a word) into a regex over tagged, lower-cased text. The
/// patterns are small once words are tagged, so compiling them (about a second for all, once) pays for itself after a
/// few thousand texts.</summary>
internal static class Patterns
{
    public static Regex Checker(string template) =>
        new(@"(?<![\w])" + Symbols.ExpandTagged(template) + @"(?![\w])", RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
}
