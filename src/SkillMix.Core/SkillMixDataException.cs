namespace SkillMix.Core;

/// <summary>
/// Bad input in a file SkillMix reads (a catalog, a world file, a record file): the message says what is wrong and what to do;
/// <see cref="File"/> and <see cref="Line"/> say where. The message already starts with "file(line): " so it can be shown as is,
/// in the form compilers and MSBuild use for locations.
/// </summary>
public sealed class SkillMixDataException : Exception
{
    public SkillMixDataException(string file, int? line, string problem, Exception? inner = null)
        : base(Locate(file, line) + problem, inner)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file (or embedded resource) that holds the bad input.</summary>
    public string File { get; }

    /// <summary>The 1-based line where the bad input starts, when one line can be named.</summary>
    public int? Line { get; }

    /// <summary>The problem alone, without the location.</summary>
    public string Problem { get; }

    private static string Locate(string file, int? line) =>
        line is { } l ? $"{file}({l}): " : $"{file}: ";
}
