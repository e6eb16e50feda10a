namespace SkillMix.Core.Numerics;

/// <summary>
/// The numerics mode as an experiment sets it (the SkillMixNumerics property) and as a step's key carries it. It lives
/// here, away from libtorch, because the planner writes it into keys without loading TorchSharp; SkillMix.Training's
/// NumericsPin holds the settings this version stands for.
/// </summary>
public static class NumericsKey
{
    /// <summary>The experiment property that chooses the mode.</summary>
    public const string Property = "SkillMixNumerics";

    /// <summary>
    /// The version of the pin's settings (NumericsPin): it enters the key of every training and sampling step, so bump it
    /// whenever a setting there changes and results made under the old pin are never restored as the new one's.
    /// </summary>
    public const string PinVersion = "1";

    /// <summary>The text a step key carries: "pinned/1" (with <see cref="PinVersion"/>) or "native".</summary>
    public static string KeyText(NumericsMode mode) => mode == NumericsMode.Pinned ? "pinned/" + PinVersion : "native";

    /// <summary>Reads a key text back (<see cref="KeyText"/>); false for another pin version or anything else.</summary>
    public static bool TryParseKeyText(string? text, out NumericsMode mode)
    {
        foreach (var candidate in Enum.GetValues<NumericsMode>())
        {
            if (text == KeyText(candidate))
            {
                mode = candidate;
                return true;
            }
        }
        mode = default;
        return false;
    }

    /// <summary>Reads "pinned" or "native" (any case), the values of <see cref="Property"/>.</summary>
    public static bool TryParse(string? text, out NumericsMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "pinned":
                mode = NumericsMode.Pinned;
                return true;
            case "native":
                mode = NumericsMode.Native;
                return true;
            default:
                mode = default;
                return false;
        }
    }
}
