using System.Text;

namespace SkillMix.Store.Tests;

/// <summary>The call list a step writes, where the call store is, and the check that a record answers its key's request.</summary>
public sealed class CallRecordFilesTests
{
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);

    [Fact]
    public void A_call_list_is_sorted_and_distinct_so_the_same_calls_give_the_same_bytes()
    {
        using var temp = new TempFolder();
        var path = temp.Sub("calls.txt");
        CallRecordFiles.WriteList(path, [B, A, B]);
        Assert.Equal($"{A}\n{B}\n", File.ReadAllText(path));
        Assert.Equal([A, B], CallRecordFiles.ReadList(path));

        CallRecordFiles.WriteList(path, []);
        Assert.Equal("", File.ReadAllText(path));
        Assert.Empty(CallRecordFiles.ReadList(path));
    }

    [Fact]
    public void A_line_that_is_not_a_key_is_an_error_naming_the_file_and_line()
    {
        using var temp = new TempFolder();
        var path = temp.Sub("calls.txt");
        File.WriteAllText(path, $"{A}\n{B.ToUpperInvariant()}\n");
        var error = Assert.Throws<CallRecordException>(() => CallRecordFiles.ReadList(path));
        Assert.StartsWith($"{path}(2): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_call_store_is_under_SKILLMIX_CALLS_else_beside_the_default_step_store()
    {
        Assert.Equal("/data/x/calls", CallRecordFiles.DefaultRoot(name => name == "SKILLMIX_CALLS" ? "/data/x" : null, () => "/home/u/store"));
        Assert.Equal("/home/u/store/calls", CallRecordFiles.DefaultRoot(_ => null, () => "/home/u/store"));
    }

    [Fact]
    public void The_call_key_is_the_lower_case_hex_sha256_of_the_canonical_request_and_a_stored_request_gives_it_back()
    {
        // The format every stored call is filed under (the call store keys calls with KeyOf; packing and import check
        // records with KeyOfRequest). The digits were computed independently with Python's hashlib.sha256.
        const string canonical = """{"schema":1,"provider":"openai","endpoint":"https://api.openai.com/v1","model":"gpt-4-0613","messages":[{"role":"user","contents":[{"text":"Knots"}]}],"options":{"temperature":0}}""";
        Assert.Equal("6838f89dc07006f4c2b1e770ace9cb88b671f04920931a047bd1029549ce9e82", CallRecordFiles.KeyOf(canonical));
        using var indented = System.Text.Json.JsonDocument.Parse(canonical.Replace(",", ",\n  ", StringComparison.Ordinal));
        Assert.Equal(CallRecordFiles.KeyOf(canonical), CallRecordFiles.KeyOfRequest(indented.RootElement));
    }

    [Fact]
    public void A_record_is_checked_against_the_compact_form_of_its_request_whatever_its_file_layout()
    {
        // The key is the SHA-256 of this exact text (printf '%s' '<text>' | sha256sum gives the same digits): the compact
        // form with the escaping of .NET's Utf8JsonWriter (quote and non-ASCII as \uXXXX, upper-case hex).
        const string compact = """{"schema":1,"model":"m","messages":[{"text":"\u0022caf\u00E9\u0022 \u003Cb\u003E"}],"options":{"temperature":0.7}}""";
        var key = CallRecordFiles.KeyOf(compact);
        Assert.Equal("2882ddc6fe491b9e7a7e5bfcb3a06ff52a34795ce272557b71151bd146681ea4", key);
        var record = $$"""
            {
              "key": "{{key}}",
              "request": {
                "schema": 1,
                "model": "m",
                "messages": [ { "text": "\"café\" <b>" } ],
                "options": { "temperature": 0.7 }
              },
              "response": { "text": "fine" }
            }
            """;
        Assert.Equal(key, CallRecordFiles.CheckedKey(Encoding.UTF8.GetBytes(record), "r.json"));

        var altered = record.Replace("café", "cafe", StringComparison.Ordinal);
        var error = Assert.Throws<CallRecordException>(() => CallRecordFiles.CheckedKey(Encoding.UTF8.GetBytes(altered), "pkg: skillmix/calls/r.json"));
        Assert.StartsWith("pkg: skillmix/calls/r.json: the call record's request does not hash to its key", error.Message, StringComparison.Ordinal);

        var noRequest = Assert.Throws<CallRecordException>(() => CallRecordFiles.CheckedKey(Encoding.UTF8.GetBytes($$"""{"key":"{{key}}"}"""), "r.json"));
        Assert.Contains("r.json is not a readable model-call record", noRequest.Message);
    }
}
