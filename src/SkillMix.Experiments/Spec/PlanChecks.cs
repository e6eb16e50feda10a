using System.Text.RegularExpressions;

namespace SkillMix.Experiments.Spec;

/// <summary>
/// Checks across properties that can be made when the experiment is planned, so a combination that would fail a late step
/// stops the build before any step runs (or any call is paid), naming the property to change. Each check here was once
/// found only at the step that needed it.
/// </summary>
public static partial class PlanChecks
{
    private const string SkillMixWorld = "skillmix";

    public static IEnumerable<SpecError> Check(ExperimentSpec spec)
    {
        var world = spec.World.Name;
        var student = spec.Student;
        // An unknown World is reported on its own; these would only repeat it.
        if (world == SkillMixWorld)
        {
            // The offline teacher and graders follow the offline world's rules; tinygpt is pretrained and chat-tuned by that teacher.
            foreach (var (property, model) in new[] { ("Teacher", spec.Teacher), ("Grader", spec.Grader), ("SecondGrader", spec.SecondGrader ?? "") })
            {
                if (model is BackendNames.Offline or BackendNames.OfflineLenient)
                {
                    yield return new SpecError(ErrorCodes.InvalidValue,
                        $"{property}='{model}' knows only the offline world, and World='{world}'. Name an API model ({property}=openai:gpt-4) " +
                        "or set World=offline.", spec.World.Location);
                }
            }
            if (student.Backend == BackendNames.TinyGpt)
            {
                yield return new SpecError(ErrorCodes.InvalidValue,
                    $"Student='{BackendNames.TinyGpt}' is pretrained by the offline teacher on the offline world, and World='{world}'. " +
                    "Set World=offline, or evaluate an API model as Student (Student=openai:gpt-4o-mini); otherwise the build would " +
                    "make every generate and grade call before the pretrain step failed.", student.Location);
            }
        }
        if (student.Backend == BackendNames.TinyGpt)
        {
            foreach (var (property, steps, fallback) in new[] { ("PretrainSteps", student.PretrainSteps, 1500), ("ChatSteps", student.ChatSteps, 400) })
            {
                if (steps == 0)
                {
                    yield return new SpecError(ErrorCodes.InvalidValue,
                        $"{property}=0 leaves a stage of the tinygpt student's training empty, so it would have no checkpoint. Set " +
                        $"{property} to at least 1 (default {fallback}).", student.Location);
                }
            }
            if (student.FineTuneSteps == 0 && spec.FineTunes.Count > 0)
            {
                yield return new SpecError(ErrorCodes.InvalidValue,
                    $"FineTuneSteps=0 leaves the fine-tunes ({string.Join(", ", spec.FineTunes.Select(f => f.Name))}) untrained. Set " +
                    "FineTuneSteps to at least 1 (default 400), or remove the FineTune items.", student.Location);
            }
        }
        if (!DevicePattern().IsMatch(student.Device))
        {
            yield return new SpecError(ErrorCodes.InvalidValue,
                $"StudentDevice='{student.Device}' is not a device: use cpu, cuda (the first GPU) or cuda:N (N the GPU's index, e.g. cuda:1).",
                student.Location);
        }
    }

    /// <summary>
    /// A Profile the project does not test for selects nothing, so the build would silently run the default settings: a
    /// warning that lists the profiles the project file does test for (its <c>'$(Profile)' == '…'</c> conditions).
    /// </summary>
    public static string? ProfileWarning(string? profile, string projectFile)
    {
        if (string.IsNullOrWhiteSpace(profile) || !File.Exists(projectFile))
        {
            return null;
        }
        var defined = ProfileCondition().Matches(File.ReadAllText(projectFile))
            .Select(m => m.Groups["name"].Value)
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (defined.Contains(profile.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }
        return $"Profile='{profile}' is not a profile of {Path.GetFileName(projectFile)}, so the build uses its default settings. " +
            (defined.Count == 0
                ? "The project defines no profiles; remove -p:Profile."
                : $"Its profiles: {string.Join(", ", defined)} (or no Profile for the default).");
    }

    [GeneratedRegex(@"^(cpu|cuda|cuda:[0-9]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DevicePattern();

    [GeneratedRegex(@"'\$\(Profile\)'\s*[!=]=\s*'(?<name>[^'$]*)'", RegexOptions.CultureInvariant)]
    private static partial Regex ProfileCondition();
}
