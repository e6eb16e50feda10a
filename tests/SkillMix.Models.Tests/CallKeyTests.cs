using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.Models.Store;

namespace SkillMix.Models.Tests;

public sealed class CallKeyTests
{
    private static readonly CallIdentity s_openai = new("openai", new Uri("https://api.openai.com/v1"), "gpt-4-0613");

    private static string Key(CallIdentity identity, string text, ChatOptions? options = null) =>
        CallKey.Compute(CallKey.CanonicalRequest(identity, [new ChatMessage(ChatRole.User, text)], options));

    [Fact]
    public void Equal_requests_have_equal_keys_whatever_the_order_of_additional_properties()
    {
        var a = new ChatOptions { Temperature = 0.7f, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1, ["skillmix.template"] = "v2" } };
        var b = new ChatOptions { Temperature = 0.7f, AdditionalProperties = new() { ["skillmix.template"] = "v2", [ChatOptionKeys.Repeat] = 1 } };

        Assert.Equal(Key(s_openai, "Sewing", a), Key(s_openai, "Sewing", b));
    }

    [Fact]
    public void Every_part_of_the_request_changes_the_key()
    {
        var baseline = new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 512, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1 } };
        var keys = new[]
        {
            Key(s_openai, "Sewing", baseline),
            Key(s_openai with { Provider = "azure" }, "Sewing", baseline),
            Key(s_openai with { Endpoint = new Uri("http://127.0.0.1:8000/v1") }, "Sewing", baseline),
            Key(s_openai with { Model = "gpt-4-0314" }, "Sewing", baseline),
            Key(s_openai, "Sewing!", baseline),
            Key(s_openai, "Sewing", new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 512, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 2 } }),
            Key(s_openai, "Sewing", new ChatOptions { Temperature = 0.8f, MaxOutputTokens = 512, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1 } }),
            Key(s_openai, "Sewing", new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 256, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1 } }),
            Key(s_openai, "Sewing", new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 512, Seed = 7, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1 } }),
            Key(s_openai, "Sewing", new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 512, TopP = 0.9f, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1 } }),
            Key(s_openai, "Sewing", new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 512, StopSequences = ["\n"], AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1 } }),
            Key(s_openai, "Sewing", new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 512, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1, ["skillmix.template"] = "v2" } }),
            Key(s_openai, "Sewing", new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 512, ModelId = "gpt-4o", AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1 } }),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void The_key_is_the_sha256_of_the_canonical_request()
    {
        var canonical = CallKey.CanonicalRequest(s_openai, [new ChatMessage(ChatRole.User, "Knots")], new ChatOptions { Temperature = 0 });

        Assert.Equal(
            """{"schema":1,"provider":"openai","endpoint":"https://api.openai.com/v1","model":"gpt-4-0613","messages":[{"role":"user","contents":[{"text":"Knots"}]}],"options":{"temperature":0}}""",
            canonical);
        // Computed independently with Python's hashlib.sha256 over the same UTF-8 text.
        Assert.Equal("6838f89dc07006f4c2b1e770ace9cb88b671f04920931a047bd1029549ce9e82", CallKey.Compute(canonical));
    }
}
