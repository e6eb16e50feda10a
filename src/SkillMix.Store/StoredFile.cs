namespace SkillMix.Store;

/// <summary>One output file of a step: where it goes (relative to the step's output folder), its size and its blob.</summary>
/// <param name="Path">Relative path with '/' separators; never rooted, never climbing out with "..".</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Blob">SHA-256 of the content, which names the blob in the store.</param>
public sealed record StoredFile(string Path, long Size, string Blob)
{
    /// <summary>
    /// Checks a relative output path, from a caller or from a manifest on disk (which must never write outside the
    /// folder it is restored into); returns the reason it is unusable, or null.
    /// </summary>
    public static string? ProblemWithPath(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "the path is empty";
        }
        if (path.Contains('\\') || path.Contains('\0'))
        {
            return $"'{path}' must use '/' as its separator";
        }
        if (path.StartsWith('/') || System.IO.Path.IsPathRooted(path))
        {
            return $"'{path}' must be relative to the step's output folder";
        }
        return path.Split('/').Any(part => part is "" or "." or "..")
            ? $"'{path}' has an empty, '.' or '..' segment"
            : null;
    }
}
