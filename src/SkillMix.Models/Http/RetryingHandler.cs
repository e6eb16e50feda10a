using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SkillMix.Models.Backends;

namespace SkillMix.Models.Http;

/// <summary>
/// The one retry policy of every backend, below the SDKs (whose own retries are switched off): a per-attempt timeout,
/// retries on 408, 429, 5xx, dropped connections and malformed JSON with the server's Retry-After or exponential backoff,
/// and an immediate, explicit failure on authentication errors and exhausted quota.
/// </summary>
internal sealed class RetryingHandler(BackendSettings settings, ILogger logger, Func<double> random01) : DelegatingHandler
{
    private const int ErrorExcerptLength = 600;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var url = WithoutQuery(request.RequestUri);
        var capture = RawExchange.Current;
        if (capture is not null)
        {
            capture.Url = url;
            capture.RequestBody = body is null ? null : Encoding.UTF8.GetString(body);
        }

        var retry = settings.Retry;
        for (var attempt = 0; ; attempt++)
        {
            if (capture is not null)
            {
                capture.Attempts = attempt + 1;
            }
            string transientReason;
            TimeSpan? serverDelay = null;
            using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCancellation.CancelAfter(retry.AttemptTimeout);
            HttpResponseMessage? response = null;
            try
            {
                // The first attempt sends the caller's own message (its content is buffered now); retries send copies.
                var message = attempt == 0 ? request : CopyOf(request, body);
                response = await base.SendAsync(message, attemptCancellation.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
                {
                    // A stream is read by the SDK as it arrives: neither buffered nor checked here (the store keeps whole replies).
                    var stream = response;
                    response = null;
                    return stream;
                }
                // Reading inside the attempt puts the body under the attempt timeout too, and lets it be checked and kept.
                await response.Content.LoadIntoBufferAsync(attemptCancellation.Token).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(attemptCancellation.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    if (IsWellFormedJson(bytes))
                    {
                        if (capture is not null)
                        {
                            capture.Status = (int)response.StatusCode;
                            capture.ResponseBody = Encoding.UTF8.GetString(bytes);
                        }
                        var success = response;
                        response = null;
                        return success;
                    }
                    transientReason = $"a malformed JSON reply ({(int)response.StatusCode})";
                }
                else
                {
                    FailFastOn(response.StatusCode, Encoding.UTF8.GetString(bytes), request.Method, url, attempt);
                    transientReason = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                    serverDelay = RetryDelay.FromServer(response.Headers, DateTimeOffset.UtcNow);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                transientReason = $"no complete reply within {retry.AttemptTimeout} (Retry.AttemptTimeout)";
            }
            catch (HttpRequestException e)
            {
                transientReason = $"a broken connection ({e.Message})";
            }
            finally
            {
                response?.Dispose();
            }

            if (attempt >= retry.MaxRetries)
            {
                throw new ModelCallException(
                    ModelCallFailure.RetriesExhausted,
                    $"{request.Method} {url} failed after {attempt + 1} attempts; the last one got {transientReason}. " +
                    "Try again later, or raise Retry.MaxRetries.");
            }
            if (serverDelay > retry.MaxServerDelay)
            {
                throw new ModelCallException(
                    ModelCallFailure.RetriesExhausted,
                    $"{request.Method} {url} got {transientReason} and was told to wait {serverDelay}, longer than " +
                    $"Retry.MaxServerDelay ({retry.MaxServerDelay}). Try again later.");
            }
            var delay = serverDelay ?? RetryDelay.Backoff(attempt, retry, random01());
            logger.LogWarning("{Method} {Url} got {Reason}; retry {Retry} of {MaxRetries} in {Delay} ms",
                request.Method, url, transientReason, attempt + 1, retry.MaxRetries, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private void FailFastOn(HttpStatusCode status, string body, HttpMethod method, string url, int attempt)
    {
        var code = (int)status;
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var fix = settings.Provider == ModelProvider.Azure && settings.AzureAuthentication == AzureAuthentication.EntraId
                ? "check that the signed-in identity has the Cognitive Services OpenAI User role on the resource"
                : string.IsNullOrEmpty(settings.KeyVariable())
                    ? "this server wants a key: set ApiKeyVariable to the name of an environment variable that holds it"
                    : $"check the key in the environment variable {settings.KeyVariable()}";
            throw new ModelCallException(ModelCallFailure.Authentication,
                $"{method} {url} was refused with {code} {status}: {fix}. Server said: {Excerpt(body)}", status);
        }
        if (status == HttpStatusCode.TooManyRequests && body.Contains("insufficient_quota", StringComparison.Ordinal))
        {
            throw new ModelCallException(ModelCallFailure.QuotaExhausted,
                $"{method} {url} answered 429 insufficient_quota: the account behind {settings.KeyVariable()} has no quota " +
                "left; retrying cannot help. Add credit or use another key.", status);
        }
        if (!IsTransient(status))
        {
            throw new ModelCallException(ModelCallFailure.Rejected,
                $"{method} {url} was rejected with {code} {status} on attempt {attempt + 1}: check the backend's Endpoint, " +
                $"Model or Deployment and the request. Server said: {Excerpt(body)}", status);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool IsWellFormedJson(byte[] utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            while (reader.Read())
            {
            }
            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static HttpRequestMessage CopyOf(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }
        return copy;
    }

    // A query string may carry a key on some OpenAI-compatible servers; messages and logs show the path only.
    private static string WithoutQuery(Uri? uri) => uri is null ? "(no URL)" : uri.GetLeftPart(UriPartial.Path);

    private static string Excerpt(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= ErrorExcerptLength ? (flat.Length == 0 ? "(empty body)" : flat) : flat[..ErrorExcerptLength] + "...";
    }
}
