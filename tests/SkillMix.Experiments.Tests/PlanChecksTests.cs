using SkillMix.Experiments.Spec;

namespace SkillMix.Experiments.Tests;

/// <summary>Combinations of properties that used to fail only at a late step now stop the plan, naming the property.</summary>
public sealed class PlanChecksTests
{
    private static IReadOnlyList<SpecError> Errors(params (string Name, string Value)[] properties)
    {
        var (spec, errors) = SpecReader.Read(Declarations.Properties(properties), Declarations.Items(), Declarations.Project);
        Assert.Null(spec);
        return errors;
    }

    [Fact]
    public void The_tinygpt_student_and_the_offline_teacher_in_a_skillmix_world_are_refused_before_any_call()
    {
        var errors = Errors(("World", "skillmix"), ("Teacher", "openai:gpt-4"), ("Grader", "offline"));

        var student = Assert.Single(errors, e => e.Message.StartsWith("Student='tinygpt'", StringComparison.Ordinal));
        Assert.Equal(ErrorCodes.InvalidValue, student.Code);
        Assert.Contains("World=offline", student.Message, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.Message.StartsWith("Grader='offline' knows only the offline world, and World='skillmix'", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Message.StartsWith("Teacher=", StringComparison.Ordinal));
    }

    [Fact]
    public void An_api_student_with_api_models_fits_a_skillmix_world()
    {
        var errors = Errors(("World", "skillmix"), ("Teacher", "openai:gpt-4"), ("Grader", "openai:gpt-4"), ("Student", "openai:gpt-4o-mini"));

        // Only the missing world files remain.
        Assert.All(errors, e => Assert.Equal(ErrorCodes.WorldFile, e.Code));
    }

    [Theory]
    [InlineData("PretrainSteps", "default 1500")]
    [InlineData("ChatSteps", "default 400")]
    [InlineData("FineTuneSteps", "default 400")]
    public void A_step_count_that_empties_a_training_stage_names_its_property(string property, string advice)
    {
        var error = Assert.Single(Errors((property, "0")));

        Assert.StartsWith($"{property}=0 leaves", error.Message, StringComparison.Ordinal);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.Equal(Declarations.Project, error.Location.File);
    }

    [Fact]
    public void FineTuneSteps_of_zero_is_fine_without_fine_tunes()
    {
        var items = Declarations.Items().Where(i => i.ItemType != SpecReader.FineTuneItem).ToList();
        var (spec, errors) = SpecReader.Read(Declarations.Properties(("FineTuneSteps", "0")), items, Declarations.Project);
        Assert.True(spec is not null, string.Join("\n", errors));
    }

    [Theory]
    [InlineData("cuda:abc")]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    public void A_device_that_is_not_cpu_cuda_or_cuda_N_is_refused_with_the_syntax(string device)
    {
        var error = Assert.Single(Errors(("StudentDevice", device)));

        Assert.Equal($"StudentDevice='{device}' is not a device: use cpu, cuda (the first GPU) or cuda:N (N the GPU's index, e.g. cuda:1).", error.Message);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("CUDA")]
    [InlineData("cuda:1")]
    public void Known_device_forms_pass(string device) =>
        Declarations.Read(Declarations.Properties(("StudentDevice", device)), Declarations.Items());

    [Fact]
    public void An_unknown_profile_is_a_warning_listing_the_profiles_the_project_tests_for()
    {
        var project = Path.Combine(Directory.CreateTempSubdirectory("skillmix-profile-").FullName, "Tiny.csproj");
        try
        {
            File.WriteAllText(project, """
                <Project Sdk="SkillMix.Sdk">
                  <PropertyGroup Condition="'$(Profile)' != 'smoke'"><Combinations>100</Combinations></PropertyGroup>
                  <PropertyGroup Condition="'$(Profile)' == 'smoke'"><Combinations>3</Combinations></PropertyGroup>
                  <PropertyGroup Condition=" '$(Profile)'=='paper' "><Combinations>1000</Combinations></PropertyGroup>
                </Project>
                """);

            Assert.Equal("Profile='nonsense' is not a profile of Tiny.csproj, so the build uses its default settings. Its profiles: paper, smoke (or no Profile for the default).",
                PlanChecks.ProfileWarning("nonsense", project));
            Assert.Null(PlanChecks.ProfileWarning("smoke", project));
            Assert.Null(PlanChecks.ProfileWarning("", project));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(project)!, recursive: true);
        }
    }
}
