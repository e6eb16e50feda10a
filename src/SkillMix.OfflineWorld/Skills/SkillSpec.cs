using System.Text.RegularExpressions;
using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld.Skills;

/// <summary>
/// One skill of the offline world: what the teacher and grader are told (name, category, definition, example), how it is
/// written (realizer), how it is checked (checker), and how a careless writer gets it almost right (corrupter). The
/// clause forms are the skill's part of the world's grammar; they include the near misses, which are well formed.
/// </summary>
public sealed class SkillSpec
{
    public required string Name { get; init; }

    public required string Category { get; init; }

    public required string Definition { get; init; }

    public required string Example { get; init; }

    /// <summary>The checker's rule in words, for the documentation and the grader's explanation.</summary>
    public required string HowChecked { get; init; }

    /// <summary>Clause templates of the grammar (placeholders of <see cref="Patterns"/>), near misses included.</summary>
    internal IReadOnlyList<string> Forms { get; init; } = [];

    /// <summary>Question templates; a clause of one of these ends its sentence with "?".</summary>
    internal IReadOnlyList<string> QuestionForms { get; init; } = [];

    internal Func<Slots, string> Realize { get; init; } = null!;

    /// <summary>A well-formed clause on the same topic that no longer shows the skill.</summary>
    internal Func<Slots, string, string> Corrupt { get; init; } = null!;

    /// <summary>The evidence (the matching words) in tagged lower-cased text (<see cref="Symbols.Tag"/>), or null.</summary>
    internal Func<string, string?> Check { get; init; } = null!;

    public Skill ToSkill() => new(Name, Category, Definition, Example);

    /// <summary>Whether the skill is shown anywhere in a text as written.</summary>
    internal bool IsShownIn(string text) => Check(Symbols.Tag(text.ToLowerInvariant())) is not null;

    /// <summary>A checker that returns the first match of the template that also passes the semantic test.</summary>
    internal static Func<string, string?> Find(string template, Func<Match, bool>? valid = null)
    {
        var regex = Patterns.Checker(template);
        return text =>
        {
            var m = regex.Match(text);
            while (m.Success)
            {
                if (valid is null || valid(m))
                {
                    return Symbols.Untag(m.Value);
                }
                // Matches may overlap: a failed candidate must not hide a valid one that starts inside it.
                m = m.Index + 1 < text.Length ? regex.Match(text, m.Index + 1) : Match.Empty;
            }
            return null;
        };
    }
}
