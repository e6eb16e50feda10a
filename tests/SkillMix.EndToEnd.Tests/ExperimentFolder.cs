namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// A copy of an in-repository experiment in a temporary folder, its SDK imports pointed back at the repository, so a test
/// builds the real project file without writing into the repository.
/// </summary>
public sealed class ExperimentFolder : IDisposable
{
    private ExperimentFolder(string root, string project)
    {
        Root = root;
        Project = project;
    }

    private int builds;

    public string Root { get; }

    public string Project { get; }

    public string Results => Path.Combine(Path.GetDirectoryName(Project)!, "results");

    public static ExperimentFolder CopyOf(string experiment, Func<string, string>? edit = null)
    {
        var source = Path.Combine(Repository.Root, "experiments", experiment, experiment + ".csproj");
        var root = Directory.CreateTempSubdirectory("skillmix-e2e-").FullName;
        var folder = Path.Combine(root, experiment);
        Directory.CreateDirectory(folder);
        var text = File.ReadAllText(source).Replace("../../sdk/SkillMix.Sdk/Sdk/", Repository.SdkFolder + "/", StringComparison.Ordinal);
        var project = Path.Combine(folder, experiment + ".csproj");
        File.WriteAllText(project, edit is null ? text : edit(text));
        return new ExperimentFolder(root, project);
    }

    /// <summary>QuickStart consuming an experiment package through a SkillMixArtifact item, with a nuget.config for its feed.</summary>
    public static ExperimentFolder QuickStartConsuming(string packageId, string version, string feed)
    {
        var consumer = CopyOf("QuickStart", text => text.Replace("  <ItemGroup>\n",
            $"  <ItemGroup>\n    <SkillMixArtifact Include=\"{packageId}\" Version=\"{version}\" />\n", StringComparison.Ordinal));
        NuGetConfig.WriteLocalFeed(consumer.Root, feed);
        return consumer;
    }

    /// <summary>Another copy of the same project in a fresh folder: what a clean clone on another machine looks like.</summary>
    public ExperimentFolder CleanClone()
    {
        var root = Directory.CreateTempSubdirectory("skillmix-e2e-clone-").FullName;
        var folder = Path.Combine(root, Path.GetFileName(Path.GetDirectoryName(Project)!));
        Directory.CreateDirectory(folder);
        var project = Path.Combine(folder, Path.GetFileName(Project));
        File.Copy(Project, project);
        return new ExperimentFolder(root, project);
    }

    /// <summary>`dotnet build` of the project, with a binary log of its own beside the project folder.</summary>
    public BuildRun Build(string store, params string[] properties) => BuildTargets(null, store, properties);

    /// <summary>`dotnet build -t:<paramref name="targets"/>` (all targets when null), as <see cref="Build"/>.</summary>
    public BuildRun BuildTargets(string? targets, string store, params string[] properties) =>
        BuildTargets(targets, store, new Dictionary<string, string?>(), properties);

    /// <summary>The same with variables set in the environment of the build and its steps (null removes one).</summary>
    public BuildRun BuildTargets(string? targets, string store, IReadOnlyDictionary<string, string?> environment, params string[] properties)
    {
        var log = Path.Combine(Root, $"build-{Interlocked.Increment(ref builds)}.binlog");
        string[] target = targets is null ? [] : [$"-t:{targets}"];
        return BuildRun.Dotnet(Path.GetDirectoryName(Project)!, TimeSpan.FromMinutes(8), environment,
            ["build", Project, "-nr:false", "-v:n", $"-bl:{log}", .. target, $"-p:SkillMixStore={store}", .. properties.Select(p => "-p:" + p)])
            with { BinaryLog = log };
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server that still holds a file keeps a temporary folder; the next run uses new names.
        }
    }
}
