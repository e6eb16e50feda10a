using SkillMix.Models.Backends;

namespace SkillMix.Models.Tests;

public sealed class BackendSettingsFileTests
{
    [Fact]
    public void A_settings_file_reads_providers_by_name_and_times_as_text()
    {
        var settings = BackendSettingsFile.Parse("""
            {
              // the paper's second grader
              "provider": "anthropic",
              "model": "claude-sonnet-4-5-20250929",
              "limits": { "maxConcurrency": 4, "requestsPerMinute": 50 },
              "retry": { "attemptTimeout": "00:10:00" }
            }
            """, "grader.json");

        Assert.Equal(ModelProvider.Anthropic, settings.Provider);
        Assert.Equal(new Uri("https://api.anthropic.com"), settings.ResolvedEndpoint());
        Assert.Equal("ANTHROPIC_API_KEY", settings.KeyVariable());
        Assert.Equal(new CallLimits { MaxConcurrency = 4, RequestsPerMinute = 50 }, settings.Limits);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.Retry.AttemptTimeout);
        Assert.Equal(6, settings.Retry.MaxRetries);
    }

    [Fact]
    public void Settings_written_as_json_read_back_equal_and_incomplete_settings_still_print()
    {
        var settings = new BackendSettings
        {
            Provider = ModelProvider.Azure,
            Endpoint = new Uri("https://example.openai.azure.com/"),
            Deployment = "grader",
            AzureAuthentication = AzureAuthentication.EntraId,
            Limits = new CallLimits { MaxConcurrency = 2, TokensPerMinute = 90_000 },
            Retry = new RetrySettings { AttemptTimeout = TimeSpan.FromMinutes(8) },
        };

        var json = System.Text.Json.JsonSerializer.Serialize(settings, BackendSettingsFile.Options);

        Assert.Equal(settings, BackendSettingsFile.Parse(json, "written.json"));
        Assert.Contains("Azure", new BackendSettings { Provider = ModelProvider.Azure }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_member_is_an_error_naming_file_line_and_member()
    {
        var error = Assert.Throws<BackendSettingsException>(() => BackendSettingsFile.Parse("""
            {
              "provider": "openai",
              "modle": "gpt-4"
            }
            """, "teacher.json"));

        Assert.Contains("teacher.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("modle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_azure_backend_without_a_deployment_names_the_property()
    {
        var error = Assert.Throws<BackendSettingsException>(() => BackendSettingsFile.Parse(
            """{ "provider": "azure", "endpoint": "https://example.openai.azure.com/", "model": "gpt-4" }""", "grader.json"));

        Assert.Equal("Deployment", error.Property);
        Assert.Contains("grader.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_azure_api_version_lists_the_known_ones()
    {
        var settings = new BackendSettings
        {
            Provider = ModelProvider.Azure, Endpoint = new Uri("https://example.openai.azure.com/"), Deployment = "d", ApiVersion = "1999-01-01",
        };

        var error = Assert.Throws<BackendSettingsException>(() => ChatBackend.Create(settings, _ => "key"));

        Assert.Equal("ApiVersion", error.Property);
        Assert.Contains("2024-10-21", error.Message, StringComparison.Ordinal);
    }
}
