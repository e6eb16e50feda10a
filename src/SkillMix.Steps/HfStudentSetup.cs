using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using System.Globalization;
using SkillMix.Steps.ChatModels;
using SkillMix.Training.Chat;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Model;

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

    /// <summary>
    /// Plan mode's line for a sample step of an hf: student: the memory it needs on its device (weights in the run's dtype,
    /// and the KV cache of a full batch of sequences as long as the average estimated prompt plus MaxNewTokens) and whether
    /// it fits SkillMixGpuMemoryGiB; null for other steps. Reads only config.json and the weights' headers.
    /// </summary>
    public static string? MemoryLine(StepFile step, long calls, long inputTokens)
    {
        if (step.Kind != StepKind.Sample || step.Parameters<SampleParameters>() is not { StudentCheckpoint: not null } parameters
            || StudentCheckpoint.FromContext(step.Context) is not { Folder: { } folder })
        {
            return null;
        }
        var device = StudentSetup.Device(step);
        var dtype = DType(device);
        var batch = (int)Math.Clamp(calls, 1, new StudentChatOptions().MaxBatch);
        var prompt = calls > 0 ? (int)(inputTokens / calls) : 0;
        LlamaConfig config;
        try
        {
            config = HfCheckpoint.Open(folder).Config;
        }
        catch (SkillMix.Core.Checkpoints.CheckpointException e)
        {
            return $"SkillMix plan memory: {step.Id}: the checkpoint cannot be read ({e.Code}: {e.Message})";
        }
        var memory = SamplingMemory.Of(config, dtype, batch, prompt + parameters.MaxNewTokens);
        var gpu = step.Context["gpuMemoryGiB"]?.GetValue<double>() ?? 80;
        var fits = memory.TotalBytes <= gpu * (1L << 30);
        var length = Math.Min(prompt + parameters.MaxNewTokens, config.ContextLength);
        var verdict = fits
            ? string.Create(CultureInfo.InvariantCulture, $"fits SkillMixGpuMemoryGiB={gpu}.")
            : string.Create(CultureInfo.InvariantCulture, $"does not fit SkillMixGpuMemoryGiB={gpu}: use a larger GPU or lower MaxNewTokens.");
        return $"SkillMix plan memory: {step.Id} on {device} in {dtype}: {GiB(memory.WeightBytes)} GiB of weights + {GiB(memory.KvCacheBytes)} GiB of KV cache "
            + $"(batch {batch} x {length} tokens) = {GiB(memory.TotalBytes)} GiB; {verdict}";
    }

    private static string GiB(long bytes) => (bytes / (double)(1L << 30)).ToString("0.###", CultureInfo.InvariantCulture);

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
            // A GPU asked for where there is none stops the build now, not after the steps before this one have run.
            var device = StudentSetup.Device(step);
            if (device.Trim().StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    // In the step's own numerics: libtorch reads them once per process.
                    StudentSetup.UseNumerics(step.Parameters<SampleParameters>().SkillMixNumerics, step.Id);
                    _ = SkillMix.Training.Runtime.TorchRuntime.Resolve(device);
                }
                catch (InvalidOperationException e)
                {
                    return new StepStopException(ErrorCodes.StudentDeviceUnavailable, step.Id,
                        $"samples the student on StudentDevice={device}: {e.Message} With a GPU, restore a CUDA libtorch with -p:SkillMixLibTorchPackage=<package> (docs/sdk.md).");
                }
            }
        }
        return null;
    }
}
