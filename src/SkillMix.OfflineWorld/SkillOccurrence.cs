namespace SkillMix.OfflineWorld;

/// <summary>
/// The offline world's analogue of P2's RedPajama occurrence rates: for each skill, the fraction of the texts of a corpus
/// (the student's pretraining corpus: plain sentences and single-skill replies) in which the skill's own checker finds it.
/// A skill whose pattern turns up in everyday text is common; one seen only where a text was written to show it is rare.
/// </summary>
public static class SkillOccurrence
{
    /// <summary>Each skill's occurrence rate in <paramref name="texts"/>, by skill name, in the world's skill order.</summary>
    public static IReadOnlyDictionary<string, double> Measure(CheckableWorld world, IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
        {
            throw new ArgumentException("Occurrence rates need a corpus with at least one text.", nameof(texts));
        }
        var counts = new int[world.Skills.Count];
        foreach (var text in texts)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                if (world.Skills[i].IsShownIn(text))
                {
                    counts[i]++;
                }
            }
        }
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < counts.Length; i++)
        {
            rates[world.Skills[i].Name] = (double)counts[i] / texts.Count;
        }
        return rates;
    }
}
