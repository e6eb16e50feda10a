namespace SkillMix.Store.Tests;

/// <summary>A fresh folder under the system temp folder, removed when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "skillmix-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes files given as (relative path, text) under a new subfolder and returns the subfolder.</summary>
    public string WriteFiles(string folder, params (string RelativePath, string Text)[] files)
    {
        var root = Sub(folder);
        foreach (var (relative, text) in files)
        {
            var path = System.IO.Path.Combine(root, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        Directory.CreateDirectory(root);
        return root;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException e)
        {
            // A leftover temp folder must not turn a passing test into a failing one; say so for whoever looks.
            Console.Error.WriteLine($"Could not remove {Path}: {e.Message}");
        }
    }
}
