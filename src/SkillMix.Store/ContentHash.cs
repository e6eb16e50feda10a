using System.Security.Cryptography;
using System.Text;

namespace SkillMix.Store;

/// <summary>SHA-256 as lower-case hex: the name of every blob and every step key.</summary>
public static class ContentHash
{
    public const int HexLength = 64;

    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    /// <summary>The hash of a file's bytes (for inputs that are files rather than steps, such as a user's skill list).</summary>
    public static string OfFile(string path)
    {
        using var stream = AtomicFile.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>True for 64 lower-case hex digits, the only form a key or blob name takes.</summary>
    public static bool IsValid(string? hash) =>
        hash is { Length: HexLength } && hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>The first 12 digits, enough to tell entries apart when shown to people.</summary>
    public static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
