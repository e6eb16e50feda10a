namespace SkillMix.Core.Checkpoints;

/// <summary>
/// A checkpoint, tokenizer or device that cannot be used, with the SKMX code users look up in docs/sdk.md. The codes
/// equal those of SkillMix.Experiments' ErrorCodes (Core does not depend on it; a test keeps the two equal). It lives in Core with the reference resolution so that the planner, which loads no TorchSharp, raises the same errors.
/// </summary>
public sealed class CheckpointException(string code, string message) : Exception(message)
{
    /// <summary>No checkpoint where the student's reference points; the message lists where it looked and how to get one.</summary>
    public const string NotFound = "SKMX040";

    /// <summary>config.json names an architecture or a setting this model does not implement.</summary>
    public const string Unsupported = "SKMX041";

    /// <summary>The weights do not match config.json or are damaged: a tensor missing, extra, mis-shaped, of an unknown dtype, a shard absent or truncated.</summary>
    public const string Damaged = "SKMX042";

    /// <summary>The tokenizer cannot be read or does not fit the model (its vocabulary size differs from the embedding's rows).</summary>
    public const string TokenizerMismatch = "SKMX043";

    /// <summary>A conversation or prompt does not fit the model's context.</summary>
    public const string TooLong = "SKMX044";

    /// <summary>A device was requested that this machine or build does not have.</summary>
    public const string DeviceUnavailable = "SKMX045";

    /// <summary>A fine-tuning setting is out of range or does not fit the model (LoRA rank or target modules, batch sizes, learning rate, ...).</summary>
    public const string InvalidTrainingSetting = "SKMX046";

    /// <summary>A fine-tune's saved state belongs to another run (other settings, base checkpoint or data); the message names the difference.</summary>
    public const string ResumeMismatch = "SKMX047";

    public string Code { get; } = code;

    public override string ToString() => $"{Code}: {Message}";
}
