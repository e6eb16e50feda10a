using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SkillMix.Steps.Verify;

/// <summary>
/// Which steps verify recomputes: every step of the listed kinds, plus a fraction of the rest chosen by hashing the seed
/// with each step's key, so the same seed picks the same steps on every machine and a changed step is re-drawn fairly.
/// </summary>
internal sealed record VerifySelection(double Fraction, string Seed, IReadOnlySet<string> Kinds)
{
    public bool Selects(string kind, string key) => Kinds.Contains(kind) || Draw(key) < Fraction;

    /// <summary>A number in [0, 1) from the first 8 bytes of SHA-256(seed:key).</summary>
    public double Draw(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Seed + ":" + key));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
