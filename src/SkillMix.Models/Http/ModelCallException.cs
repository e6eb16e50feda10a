using System.Net;

namespace SkillMix.Models.Http;

/// <summary>A model call that failed for good. Its message carries the status and the URL, never a header or a key.</summary>
public sealed class ModelCallException(ModelCallFailure failure, string message, HttpStatusCode? status = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ModelCallFailure Failure { get; } = failure;

    public HttpStatusCode? Status { get; } = status;
}
