namespace SkillMix.Core.Worlds;

/// <summary>The spellings of <see cref="Pool"/> used in files, command lines and MSBuild items.</summary>
public static class PoolNames
{
    public static string ToName(this Pool pool) => pool switch
    {
        Pool.Train => "train",
        Pool.HeldOut => "held-out",
        Pool.All => "all",
        _ => throw new ArgumentOutOfRangeException(nameof(pool), pool, null),
    };

    /// <summary>Reads "train", "held-out" (also "heldout", "held_out") or "all", in any case.</summary>
    public static bool TryParse(string? text, out Pool pool)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "train": pool = Pool.Train; return true;
            case "held-out" or "heldout" or "held_out": pool = Pool.HeldOut; return true;
            case "all": pool = Pool.All; return true;
            default: pool = default; return false;
        }
    }

    public static Pool Parse(string? text, string what) => TryParse(text, out var pool)
        ? pool
        : throw new FormatException($"{what}: '{text}' is not a pool; use train, held-out or all.");
}
