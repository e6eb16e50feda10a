using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Steps.ChatModels;

namespace SkillMix.Steps;

/// <summary>
/// What the steps of an hf: student read beside their parameters: the checkpoint the plan resolved (its folder is in the
/// step file's context, its content hash in the key), the dtype its weights are sampled in, and what stops a step that
/// cannot run in this version (fine-tuning one).
/// </summary>
internal static class HfStudentSetup
{
    /// <summary>The resolved checkpoint; a checkpoint the plan did not find stops the step with the planner's error.</summary>
    public static StudentCheckpoint Checkpoint(StepFile step)
    {
        var checkpoint = StudentCheckpoint.FromContext(step.Context)
            ?? throw new StepStopException(ErrorCodes.StudentCheckpointNotFound, step.Id, "has an hf: student but its step file names no checkpoint; build the experiment again to re-plan it.");
        if (checkpoint.Folder is null)
        {
            throw new StepStopException(checkpoint.ProblemCode ?? ErrorCodes.StudentCheckpointNotFound, step.Id,
                $"needs the student checkpoint: {checkpoint.Problem} Once it is there, build again (the plan looks for it again).");
        }
        return checkpoint;
    }

    /// <summary>The weights' dtype while sampling: bf16 on a GPU (as the students are published), fp32 on a CPU (no fast bfloat16).</summary>
    public static string DType(string device) => device.Trim().StartsWith("cuda", StringComparison.OrdinalIgnoreCase) ? "bf16" : "fp32";

    /// <summary>What stops a step of an hf: student before it runs, or null.</summary>
    public static StepStopException? Problem(StepFile step)
    {
        if (step.Kind == StepKind.Train && step.Parameters<TrainParameters>().StudentCheckpoint is not null)
        {
            return new StepStopException(ErrorCodes.StudentUnavailable, step.Id,
                "fine-tunes an hf: student, which this version of SkillMix cannot do yet: it samples and grades the base "
                + "checkpoint (the base rows), but fine-tuning a LLaMA-family student is not available. Remove the FineTune "
                + "items to evaluate the base student alone; plan mode (-p:SkillMixMode=plan) prints every step.");
        }
        if (step.Kind == StepKind.Sample && step.Parameters<SampleParameters>().StudentCheckpoint is not null)
        {
            try
            {
                _ = Checkpoint(step);
            }
            catch (StepStopException e)
            {
                return e;
            }
        }
        return null;
    }
}
