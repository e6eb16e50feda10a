namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// Stand-ins for Skill-Mix's unpublished skill and topic files, of the sizes the protocol gives: 101 skills (53 literary
/// and rhetorical on the train side, 48 in the other six categories) and 100 topics. Enough to plan the paper's
/// experiments; the texts are placeholders.
/// </summary>
internal static class ProtocolSizedWorld
{
    public static (string Skills, string Topics) WriteTo(string folder)
    {
        string[] categories =
        [
            .. Enumerable.Repeat("literary", 27), .. Enumerable.Repeat("rhetorical", 26),
            .. new[] { "reasoning", "logic", "theory of mind", "pragmatics", "common sense", "physical knowledge" }.SelectMany(c => Enumerable.Repeat(c, 8)),
        ];
        var skills = Path.Combine(folder, "skills.csv");
        File.WriteAllLines(skills,
        [
            "category,skill,definition,example,comments,status,added by",
            .. categories.Select((category, i) =>
                $"{category},skill {i + 1},Says what skill {i + 1} does and when a text shows it clearly enough to earn its point.,A sentence that shows skill {i + 1} in use.,,,"),
        ]);
        var topics = Path.Combine(folder, "topics.txt");
        File.WriteAllLines(topics, Enumerable.Range(1, 100).Select(i => $"Topic {i}"));
        return (skills, topics);
    }
}
