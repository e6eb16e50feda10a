namespace SkillMix.Models.Http;

/// <summary>Why a model call failed for good; the pipeline stops on any of them.</summary>
public enum ModelCallFailure
{
    /// <summary>401 or 403: the key is missing, wrong or lacks rights.</summary>
    Authentication,

    /// <summary>429 with insufficient_quota: retrying cannot help until the account is topped up.</summary>
    QuotaExhausted,

    /// <summary>A transient failure that persisted through every retry.</summary>
    RetriesExhausted,

    /// <summary>Any other status: a wrong endpoint, deployment, model or request.</summary>
    Rejected,

    /// <summary>The backend cannot be used as configured (no key in the environment).</summary>
    NotConfigured,
}
