using System.Net;
using Microsoft.Extensions.AI;
using SkillMix.FakeModelServer;
using SkillMix.Models.Backends;
using SkillMix.Models.Http;
using SkillMix.Models.Tests.Support;

namespace SkillMix.Models.Tests;

/// <summary>Each backend, through its real SDK, against the fake server: the exact body on the wire and the model id kept.</summary>
public sealed class BackendWireTests
{
    private static readonly List<ChatMessage> s_conversation =
    [
        new(ChatRole.System, "You are a grader."),
        new(ChatRole.User, "Grade this text."),
    ];

    private static readonly ChatOptions s_decoding = new() { Temperature = 0.7f, TopP = 0.9f, MaxOutputTokens = 256 };

    [Fact]
    public async Task OpenAI_sends_the_chat_completions_body_and_reports_the_snapshot_model()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions
        {
            RequiredKey = TestBackends.Key,
            ReportedModel = _ => "gpt-4-0613",
        });
        using var client = TestBackends.Create(TestBackends.Settings(server, ModelProvider.OpenAI, "gpt-4"));

        var response = await client.GetResponseAsync(s_conversation, s_decoding);

        Assert.Equal("Answer: Grade this text.", response.Text);
        Assert.Equal("gpt-4-0613", response.ModelId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + TestBackends.Key, request.Headers["authorization"]);
        JsonAssert.Equivalent("""
            {
              "messages": [
                { "role": "system", "content": "You are a grader." },
                { "role": "user", "content": "Grade this text." }
              ],
              "model": "gpt-4",
              "temperature": 0.7,
              "top_p": 0.9,
              "max_completion_tokens": 256
            }
            """, request.Body);
    }

    [Fact]
    public async Task Azure_typed_client_calls_the_deployment_with_the_api_key_header()
    {
        // Azure.AI.OpenAI 2.1.0 with OpenAI >= 2.14 throws MissingMethodException here; 2.9.0-beta.1 must not.
        await using var server = await FakeServer.StartAsync(new FakeServerOptions
        {
            RequiredKey = TestBackends.Key,
            Deployments = new HashSet<string> { "grader" },
            ReportedModel = _ => "gpt-4o-2024-08-06",
        });
        using var client = TestBackends.Create(TestBackends.Settings(server, ModelProvider.Azure, "grader"));

        var response = await client.GetResponseAsync(s_conversation, s_decoding);

        Assert.Equal("gpt-4o-2024-08-06", response.ModelId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/deployments/grader/chat/completions", request.Path);
        Assert.StartsWith("?api-version=", request.Query, StringComparison.Ordinal);
        Assert.Equal(TestBackends.Key, request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("authorization"));
        JsonAssert.Equivalent("""
            {
              "messages": [
                { "role": "system", "content": "You are a grader." },
                { "role": "user", "content": "Grade this text." }
              ],
              "model": "grader",
              "temperature": 0.7,
              "top_p": 0.9,
              "max_completion_tokens": 256
            }
            """, request.Body);
    }

    [Fact]
    public async Task Azure_v1_form_posts_under_openai_v1()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { RequiredKey = TestBackends.Key });
        var settings = TestBackends.Settings(server, ModelProvider.Azure, "grader") with { ApiVersion = "v1" };
        using var client = TestBackends.Create(settings);

        var response = await client.GetResponseAsync(TestBackends.Ask("hello"), new ChatOptions { Temperature = 0 });

        Assert.Equal("grader-2024-05-13", response.ModelId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        JsonAssert.Equivalent("""{ "messages": [{ "role": "user", "content": "hello" }], "model": "grader", "temperature": 0 }""", request.Body);
    }

    [Fact]
    public async Task Anthropic_sends_temperature_and_the_output_cap_and_reports_the_exact_model()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions
        {
            RequiredKey = TestBackends.Key,
            ReportedModel = _ => "claude-sonnet-4-5-20250929",
        });
        using var client = TestBackends.Create(TestBackends.Settings(server, ModelProvider.Anthropic, "claude-sonnet-4-5"));

        var response = await client.GetResponseAsync(s_conversation, new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 256 });

        Assert.Equal("Answer: Grade this text.", response.Text);
        Assert.Equal("claude-sonnet-4-5-20250929", response.ModelId);
        // The fake server counts a token per 4 characters: 17 + 16 characters of system and user text, ceil(33 / 4) = 9.
        Assert.Equal(9, response.Usage?.InputTokenCount);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal(TestBackends.Key, request.Headers["x-api-key"]);
        Assert.True(request.Headers.ContainsKey("anthropic-version"));
        // ChatOptions.Temperature is a float; the Anthropic adapter widens it to double, so 0.7f goes out as the float's
        // exact value, 0.699999988079071 (the OpenAI SDK writes floats as floats: 0.7).
        JsonAssert.Equivalent("""
            {
              "max_tokens": 256,
              "messages": [ { "role": "user", "content": [ { "type": "text", "text": "Grade this text." } ] } ],
              "model": "claude-sonnet-4-5",
              "system": [ { "type": "text", "text": "You are a grader." } ],
              "temperature": 0.699999988079071
            }
            """, request.Body);
    }

    [Fact]
    public async Task A_wrong_deployment_fails_at_once_with_status_and_url()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { Deployments = new HashSet<string> { "grader" } });
        using var client = TestBackends.Create(TestBackends.Settings(server, ModelProvider.Azure, "no-such-deployment"));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(TestBackends.Ask("hello")));

        Assert.Equal(ModelCallFailure.Rejected, error.Failure);
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains(new Uri(server.BaseAddress, "openai/deployments/no-such-deployment/chat/completions").ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task An_endpoint_without_its_v1_fails_at_once_with_status_and_url()
    {
        await using var server = await FakeServer.StartAsync();
        var settings = TestBackends.Settings(server, ModelProvider.OpenAI) with { Endpoint = server.BaseAddress };
        using var client = TestBackends.Create(settings);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(TestBackends.Ask("hello")));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains(new Uri(server.BaseAddress, "chat/completions").ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ModelProvider.OpenAI, "TEST_OPENAI_KEY")]
    [InlineData(ModelProvider.Azure, "TEST_AZURE_KEY")]
    [InlineData(ModelProvider.Anthropic, "TEST_ANTHROPIC_KEY")]
    public async Task A_missing_key_names_the_variable_and_sends_nothing(ModelProvider provider, string variable)
    {
        await using var server = await FakeServer.StartAsync();
        using var client = TestBackends.Create(TestBackends.Settings(server, provider), key: null);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(TestBackends.Ask("hello")));

        Assert.Equal(ModelCallFailure.NotConfigured, error.Failure);
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public void Default_key_variables_follow_the_providers_conventions()
    {
        Assert.Equal("OPENAI_API_KEY", new BackendSettings { Provider = ModelProvider.OpenAI }.KeyVariable());
        Assert.Equal("AZURE_OPENAI_API_KEY", new BackendSettings { Provider = ModelProvider.Azure }.KeyVariable());
        Assert.Equal("ANTHROPIC_API_KEY", new BackendSettings { Provider = ModelProvider.Anthropic }.KeyVariable());
    }
}
