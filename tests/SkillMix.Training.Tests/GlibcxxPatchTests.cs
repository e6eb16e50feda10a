using System.Reflection;
using SkillMix.Build;

namespace SkillMix.Training.Tests;

public sealed class GlibcxxPatchTests
{
    private static string OriginalLibrary()
    {
        var root = typeof(GlibcxxPatchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    [Fact]
    public void Patching_a_copy_of_the_real_library_sets_one_flag_and_a_second_patch_changes_nothing()
    {
        var copy = Path.Combine(Tiny.TempFolder(), "libLibTorchSharp.so");
        File.Copy(OriginalLibrary(), copy);
        var original = File.ReadAllBytes(copy);
        Assert.False(PatchGlibcxxWeakVersion.IsWeakOrAbsent(copy));

        Assert.Equal(PatchGlibcxxWeakVersion.Outcome.Patched, PatchGlibcxxWeakVersion.Patch(copy));
        var patched = File.ReadAllBytes(copy);
        Assert.True(PatchGlibcxxWeakVersion.IsWeakOrAbsent(copy));
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        // VER_FLG_WEAK is bit 1 of the low byte of vna_flags; nothing else moves.
        Assert.Single(changed);
        Assert.Equal(0x2, original[changed[0]] ^ patched[changed[0]]);
        Assert.Equal(File.GetLastWriteTimeUtc(OriginalLibrary()), File.GetLastWriteTimeUtc(copy));

        Assert.Equal(PatchGlibcxxWeakVersion.Outcome.AlreadyWeak, PatchGlibcxxWeakVersion.Patch(copy));
        Assert.Equal(patched, File.ReadAllBytes(copy));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(copy)!, "*.tmp"));
    }

    [Fact]
    public void The_build_patched_the_library_this_test_run_loaded()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(PatchGlibcxxWeakVersion.IsWeakOrAbsent(output));
    }

    [Fact]
    public void A_library_without_the_requirement_is_left_alone()
    {
        var other = Path.Combine(Path.GetDirectoryName(OriginalLibrary())!, "..", "..", "..", "..", "..",
            "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native", "libshm.so");
        var copy = Path.Combine(Tiny.TempFolder(), "libshm.so");
        File.Copy(other, copy);
        var before = File.ReadAllBytes(copy);
        Assert.Equal(PatchGlibcxxWeakVersion.Outcome.NotRequired, PatchGlibcxxWeakVersion.Patch(copy));
        Assert.Equal(before, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_file_that_is_not_elf_is_refused_with_its_name()
    {
        var path = Path.Combine(Tiny.TempFolder(), "not-a-library.so");
        File.WriteAllText(path, "hello, this is text and not a shared library at all; it is long enough to have a header.");
        var e = Assert.Throws<InvalidDataException>(() => PatchGlibcxxWeakVersion.Patch(path));
        Assert.Contains(path, e.Message);
    }
}
