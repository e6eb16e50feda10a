namespace SkillMix.EndToEnd.Tests;

/// <summary>Inputs once caught only by a late step (or not at all) are reported when the experiment is planned.</summary>
[Collection(DotnetBuilds.Name)]
public sealed class PlanChecksBuildTests
{
    [Fact]
    public void An_unknown_profile_is_a_warning_naming_the_profiles_of_the_project()
    {
        using var experiment = ExperimentFolder.CopyOf("QuickStart");

        var run = experiment.Build(Path.Combine(experiment.Root, "store"), "Profile=nonsense", "SkillMixMode=plan");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning SKMX017: Profile='nonsense' is not a profile of QuickStart.csproj", run.Output, StringComparison.Ordinal);
        Assert.Contains("Its profiles: smoke", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_device_and_an_empty_pretraining_stop_the_build_before_any_step_naming_the_properties()
    {
        using var experiment = ExperimentFolder.CopyOf("QuickStart");

        var run = experiment.Build(Path.Combine(experiment.Root, "store"), "Profile=smoke", "StudentDevice=cuda:abc", "PretrainSteps=0");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(run.Ran);
        Assert.Contains("error SKMX003: StudentDevice='cuda:abc' is not a device", run.Output, StringComparison.Ordinal);
        Assert.Contains("error SKMX003: PretrainSteps=0 leaves", run.Output, StringComparison.Ordinal);
    }
}
