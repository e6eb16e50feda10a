// The GLIBCXX fix for TorchSharp's native library, as an MSBuild task compiled from source by RoslynCodeTaskFactory
// (build/SkillMix.TorchSharp.targets) and linked into the training tests. RoslynCodeTaskFactory compiles against
// netstandard2.0, so this file uses only what that offers (no spans, no BinaryPrimitives).
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;

namespace SkillMix.Build;

/// <summary>
/// Marks the version requirement GLIBCXX_3.4.32 of libLibTorchSharp.so as weak (VER_FLG_WEAK in .gnu.version_r).
/// TorchSharp 0.107's library was linked against GCC 13's libstdc++, but the only symbol it binds to that version is
/// std::ios_base_library_init(), a link anchor nothing calls; with the flag set, the loader of an older libstdc++ (Debian 12
/// stops at GLIBCXX_3.4.30) accepts the library. The edit is two bytes, made on a copy that replaces the file by rename,
/// so a hard-linked package cache is never written through, and the original modification time is kept so the SDK's
/// incremental copy does not put the unpatched file back on the next build. Patching twice changes nothing.
/// </summary>
public sealed class PatchGlibcxxWeakVersion : Microsoft.Build.Utilities.Task
{
    public const string Version = "GLIBCXX_3.4.32";

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>The libLibTorchSharp.so files to patch (in an output or publish folder, never in the package cache).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            try
            {
                var outcome = Patch(item.ItemSpec);
                Log.LogMessage(MessageImportance.Low, "{0}: {1} {2}", item.ItemSpec, Version, outcome);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError(null, "SKILLMIX0001", null, item.ItemSpec, 0, 0, 0, 0,
                    "Cannot mark {0} weak in {1}: {2} TorchSharp will not load on a libstdc++ older than GCC 13. "
                    + "Set SkillMixPatchLibTorchSharp=false only on machines whose libstdc++ provides {0}.",
                    Version, item.ItemSpec, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>What <see cref="Patch"/> found and did.</summary>
    public enum Outcome { Patched, AlreadyWeak, NotRequired }

    /// <summary>Sets VER_FLG_WEAK on the GLIBCXX_3.4.32 requirement of an ELF64 little-endian shared library.</summary>
    public static Outcome Patch(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var flagsOffset = FindFlags(bytes, path);
        if (flagsOffset < 0)
        {
            return Outcome.NotRequired;
        }
        var flags = U16(bytes, flagsOffset);
        if ((flags & VerFlgWeak) != 0)
        {
            return Outcome.AlreadyWeak;
        }
        var weak = flags | VerFlgWeak;
        var patched = new[] { (byte)(weak & 0xff), (byte)(weak >> 8) };
        var modified = File.GetLastWriteTimeUtc(path);
        var temp = path + ".skillmix-patch.tmp";
        // A copy keeps the file mode; the edit goes into the copy, which then replaces the original in one rename.
        File.Copy(path, temp, overwrite: true);
        using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write))
        {
            stream.Position = flagsOffset;
            stream.Write(patched, 0, patched.Length);
        }
        File.SetLastWriteTimeUtc(temp, modified);
        File.Replace(temp, path, null);
        return Outcome.Patched;
    }

    /// <summary>True when the library carries the requirement and it is already weak (or does not carry it).</summary>
    public static bool IsWeakOrAbsent(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var offset = FindFlags(bytes, path);
        return offset < 0 || (U16(bytes, offset) & VerFlgWeak) != 0;
    }

    // Returns the file offset of vna_flags (after the 4-byte vna_hash) of the Vernaux entry named GLIBCXX_3.4.32, or -1 when there is none.
    private static int FindFlags(byte[] elf, string path)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException($"{path} is not an ELF file.");
        }
        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file.");
        }
        var sectionTable = Offset(elf, 0x28, path);
        var entrySize = U16(elf, 0x3a);
        var count = U16(elf, 0x3c);
        for (var i = 0; i < count; i++)
        {
            var header = Checked(elf, sectionTable + (long)i * entrySize, 64, path);
            if (U32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }
            var verneed = Offset(elf, header + 0x18, path);
            var needCount = U32(elf, header + 0x2c);
            var link = U32(elf, header + 0x28);
            var strings = Offset(elf, Checked(elf, sectionTable + (long)link * entrySize, 64, path) + 0x18, path);
            return FindInVerneed(elf, verneed, needCount, strings, path);
        }
        return -1;
    }

    private static int FindInVerneed(byte[] elf, int verneed, uint needCount, int strings, string path)
    {
        var need = verneed;
        for (var n = 0; n < needCount; n++)
        {
            Checked(elf, need, 16, path);
            var auxCount = U16(elf, need + 2);
            var aux = Checked(elf, need + (long)U32(elf, need + 8), 16, path);
            for (var a = 0; a < auxCount; a++)
            {
                var name = strings + (long)U32(elf, aux + 8);
                if (NameEquals(elf, Checked(elf, name, 1, path), Version))
                {
                    return aux + 4;
                }
                aux = Checked(elf, aux + (long)U32(elf, aux + 12), 16, path);
            }
            need += (int)U32(elf, need + 12);
        }
        return -1;
    }

    private static bool NameEquals(byte[] elf, int start, string expected)
    {
        var end = Array.IndexOf(elf, (byte)0, start);
        return end > start && Encoding.ASCII.GetString(elf, start, end - start) == expected;
    }

    private static ushort U16(byte[] b, long at) => (ushort)(b[at] | b[at + 1] << 8);

    private static uint U32(byte[] b, long at) => U16(b, at) | (uint)U16(b, at + 2) << 16;

    private static ulong U64(byte[] b, long at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;

    private static int Offset(byte[] elf, long at, string path) =>
        Checked(elf, (long)U64(elf, Checked(elf, at, 8, path)), 0, path);

    private static int Checked(byte[] elf, long offset, int length, string path) =>
        offset >= 0 && offset + length <= elf.Length
            ? (int)offset
            : throw new InvalidDataException($"{path} is truncated or malformed: offset {offset} lies outside its {elf.Length} bytes.");
}
