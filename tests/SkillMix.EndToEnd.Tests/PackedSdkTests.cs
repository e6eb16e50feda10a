using System.IO.Compression;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// The packed SkillMix.Sdk, used the way a user outside this repository uses it: `&lt;Project Sdk="SkillMix.Sdk"&gt;`,
/// global.json msbuild-sdks and a NuGet feed. The experiment trains a TorchSharp student, so a passing build also shows
/// that the package's CLI finds libtorch restored into the NuGet folder.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed class PackedSdkTests(PackedSdk sdk) : IClassFixture<PackedSdk>
{
    private const string Experiment = """
        <Project Sdk="SkillMix.Sdk">
          <PropertyGroup>
            <Seed>10</Seed>
            <StudentPreset>smoke</StudentPreset>
            <WorldTopicCount>8</WorldTopicCount>
            <PlainSentences>200</PlainSentences>
            <PretrainSteps>12</PretrainSteps>
            <ChatSteps>8</ChatSteps>
            <FineTuneSteps>6</FineTuneSteps>
            <Combinations>4</Combinations>
            <Generations>1</Generations>
            <Gradings>1</Gradings>
            <MaxNewTokens>48</MaxNewTokens>
          </PropertyGroup>
          <ItemGroup>
            <TrainingSet Include="D1" K="1" Skills="all" Topics="train" Attempts="40" />
            <FineTune Include="D1" Data="D1" />
            <Evaluation Include="held-out" K="2;3" Skills="held-out" Topics="held-out" />
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void The_package_holds_the_sdk_files_tasks_and_cli_but_not_libtorch()
    {
        Assert.True(sdk.Pack.ExitCode == 0, sdk.Pack.ToString());
        using var package = ZipFile.OpenRead(sdk.Package);
        var entries = package.Entries.Select(e => e.FullName).ToList();
        foreach (var expected in new[] { "Sdk/Sdk.props", "Sdk/Sdk.targets", "Sdk/SkillMix.Package.props", "tasks/net10.0/SkillMix.Build.Tasks.dll", "tools/skillmix.dll", "tools/runtimes/linux-x64/native/libLibTorchSharp.so" })
        {
            Assert.Contains(expected, entries);
        }
        Assert.DoesNotContain(entries, e => e.StartsWith("Sdk/SkillMix.Source.", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("libtorch", StringComparison.Ordinal) || Path.GetFileName(e) == "libc10.so");
        Assert.True(new FileInfo(sdk.Package).Length < 250L * 1024 * 1024, "The package is over nuget.org's 250 MB cap.");
        var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
        Assert.Contains("<packageType name=\"MSBuildSdk\" />", nuspec);
        Assert.Contains($"<version>{sdk.Version}</version>", nuspec);
    }

    [Fact]
    public void An_outside_project_builds_on_the_packed_sdk_and_a_rebuild_runs_no_step()
    {
        Assert.True(sdk.Pack.ExitCode == 0, sdk.Pack.ToString());
        var project = sdk.WriteProject("Outside", Experiment);
        var root = Path.GetDirectoryName(Path.GetDirectoryName(project))!;
        var store = Path.Combine(root, "store");
        try
        {
            var cold = Build(project, store, "cold");
            Assert.True(cold.ExitCode == 0, cold.ToString());
            Assert.Contains("pretrain", cold.Ran);
            Assert.Contains("train.D1", cold.Ran);
            Assert.Contains("sample.D1.held-out", cold.Ran);
            // The SDK came from the feed: NuGet restored exactly this version, and nothing was built from source.
            Assert.True(Directory.Exists(Path.Combine(PackedSdk.PackagesFolder, "skillmix.sdk", sdk.Version)), cold.ToString());
            Assert.DoesNotContain("skillmix.dll", cold.Output.Split('\n').Where(l => l.Contains(" -> ", StringComparison.Ordinal)));
            var results = File.ReadAllText(Path.Combine(Path.GetDirectoryName(project)!, "results", "results.md"));
            Assert.Contains("| D1 |", results);
            Assert.Contains("held-out k=3", results);

            var again = Build(project, store, "again");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.True(again.Ran.Count == 0 && again.Restored.Count == 0, again.ToString());
            Assert.Empty(again.Targets.Ran);
            Assert.Equal(StepTargets.All.Count, again.Targets.UpToDate);
        }
        finally
        {
            PackedSdk.DeleteQuietly(root);
        }
    }

    private static BuildRun Build(string project, string store, string name)
    {
        var log = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(project))!, name + ".binlog");
        return BuildRun.Dotnet(Path.GetDirectoryName(project)!, TimeSpan.FromMinutes(6),
            "build", project, "-nr:false", "-v:n", $"-bl:{log}", $"-p:SkillMixStore={store}") with { BinaryLog = log };
    }
}
