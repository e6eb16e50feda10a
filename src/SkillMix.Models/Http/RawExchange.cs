namespace SkillMix.Models.Http;

/// <summary>
/// The bodies of the last HTTP attempt of one model call, kept so the call store can save what went over the wire.
/// Headers are never captured: they carry the keys.
/// </summary>
public sealed class RawExchange
{
    private static readonly AsyncLocal<RawExchange?> s_current = new();

    public string? Url { get; internal set; }

    public int? Status { get; internal set; }

    public string? RequestBody { get; internal set; }

    public string? ResponseBody { get; internal set; }

    public int Attempts { get; internal set; }

    /// <summary>The capture of the call running on this async flow, if any caller asked for one.</summary>
    internal static RawExchange? Current => s_current.Value;

    /// <summary>Starts capturing the HTTP exchange of the calls made on this async flow.</summary>
    public static RawExchange Begin()
    {
        var exchange = new RawExchange();
        s_current.Value = exchange;
        return exchange;
    }
}
