namespace SkillMix.FakeModelServer;

/// <summary>A request as the server received it, so tests can assert exact bodies and headers.</summary>
public sealed record RecordedRequest(
    int Number,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt);
