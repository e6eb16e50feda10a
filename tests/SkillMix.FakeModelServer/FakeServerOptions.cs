namespace SkillMix.FakeModelServer;

/// <summary>How the fake server behaves. Every bound has a default so a forgotten server stops by itself.</summary>
public sealed record FakeServerOptions
{
    /// <summary>Added to every reply.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>After this many requests the server answers 503 to everything.</summary>
    public int MaxRequests { get; init; } = 10_000;

    /// <summary>The server stops by itself after this long.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>When set, requests must carry it (Bearer, api-key or x-api-key) or get 401.</summary>
    public string? RequiredKey { get; init; }

    /// <summary>When set, Azure deployment paths other than these get 404 DeploymentNotFound.</summary>
    public IReadOnlySet<string>? Deployments { get; init; }

    /// <summary>The reply text; by default "Answer: " and the last user text.</summary>
    public Func<FakeChatRequest, string> Reply { get; init; } = request => "Answer: " + request.LastUserText;

    /// <summary>The model id the server reports for a requested model (real APIs report a dated snapshot).</summary>
    public Func<string, string> ReportedModel { get; init; } = requested => requested + "-2024-05-13";

    /// <summary>When set, the server speaks HTTPS with this certificate (bearer tokens are refused over plain HTTP).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>Keep every request for assertions; a benchmark turns it off.</summary>
    public bool RecordRequests { get; init; } = true;
}
