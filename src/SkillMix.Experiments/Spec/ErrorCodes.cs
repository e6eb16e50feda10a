namespace SkillMix.Experiments.Spec;

/// <summary>The stable codes of SkillMix's errors and warnings; the errors table of docs/sdk.md explains each and what to do.
/// SKMX030 (libtorch's natives missing for the packed SDK) is raised by SkillMix.Native.targets itself.</summary>
public static class ErrorCodes
{
    public const string UnknownWorld = "SKMX001";
    public const string UnknownBackend = "SKMX002";
    public const string InvalidValue = "SKMX003";
    public const string UnknownPool = "SKMX004";
    public const string MissingTrainingSet = "SKMX005";
    public const string KOutOfRange = "SKMX006";
    public const string DuplicateName = "SKMX007";
    public const string WorldFile = "SKMX008";
    public const string InvalidName = "SKMX009";
    public const string CorruptStoreEntry = "SKMX010";
    public const string BudgetStop = "SKMX012";
    public const string StudentUnavailable = "SKMX013";
    public const string MissingKey = "SKMX014";
    public const string PriceFile = "SKMX015";
    public const string StoreUnusable = "SKMX016";
    public const string UnknownProfile = "SKMX017";
    public const string CliNotFound = "SKMX011";
    public const string StepFailed = "SKMX020";
    public const string RemoteCacheUnavailable = "SKMX021";
    public const string RemoteCacheRejected = "SKMX022";
    public const string PackageAltered = "SKMX031";
    public const string PackFailed = "SKMX032";
    public const string PackageNotRestored = "SKMX033";
    public const string VerifyOutputDiffers = "SKMX034";
    public const string VerifyMetricDiffers = "SKMX035";
    public const string CallRecordMismatch = "SKMX036";
    public const string CallRecordKeptLocal = "SKMX037";
    public const string OutputChanged = "SKMX038";
    public const string RecordFile = "SKMX039";
    // A real student's checkpoint, tokenizer or device (raised by SkillMix.Training's CheckpointException with these codes).
    public const string StudentCheckpointNotFound = "SKMX040";
    public const string StudentUnsupported = "SKMX041";
    public const string StudentCheckpointDamaged = "SKMX042";
    public const string StudentTokenizerMismatch = "SKMX043";
    public const string StudentTooLong = "SKMX044";
    public const string StudentDeviceUnavailable = "SKMX045";
    public const string StudentTrainingSettingInvalid = "SKMX046";
    public const string StudentResumeMismatch = "SKMX047";
    public const string UnknownNumerics = "SKMX048";
}
