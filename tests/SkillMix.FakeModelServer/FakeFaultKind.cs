namespace SkillMix.FakeModelServer;

public enum FakeFaultKind
{
    /// <summary>Answer with a status code (429, 500, 401...) and an error body, with optional Retry-After headers.</summary>
    Status,

    /// <summary>Wait before answering normally.</summary>
    Slow,

    /// <summary>Answer 200 with a body that is not JSON.</summary>
    MalformedJson,

    /// <summary>Drop the connection without an answer.</summary>
    ConnectionReset,
}
