namespace SkillMix.OfflineWorld.Language;

/// <summary>Negation of the world's propositions, which all have the form "the NOUN is [not] ADJ".</summary>
internal static class Propositions
{
    public static string Negate(string proposition) => proposition.Contains(" is not ", StringComparison.Ordinal)
        ? proposition.Replace(" is not ", " is ", StringComparison.Ordinal)
        : proposition.Replace(" is ", " is not ", StringComparison.Ordinal);

    public static string Subject(string proposition) => proposition.Split(' ')[1];
}
