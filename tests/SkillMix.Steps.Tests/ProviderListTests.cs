using SkillMix.Experiments.Spec;
using SkillMix.Models.Backends;
using SkillMix.Steps.ChatModels;

namespace SkillMix.Steps.Tests;

/// <summary>
/// The API providers are listed once (BackendNames.Providers, which the planner checks names against); the model layer
/// speaks each one's protocol through the ModelProvider member of the same name, and the help text names them all.
/// </summary>
public sealed class ProviderListTests
{
    [Fact]
    public void Every_listed_provider_has_a_protocol_and_every_protocol_is_listed()
    {
        Assert.Equal(
            Enum.GetNames<ModelProvider>().Select(n => n.ToLowerInvariant()).Order(),
            BackendNames.Providers.Order());
    }

    [Theory]
    [InlineData("openai:gpt-4", ModelProvider.OpenAI, "gpt-4", null)]
    [InlineData("azure:my-deployment", ModelProvider.Azure, null, "my-deployment")]
    [InlineData("anthropic:claude-3-opus", ModelProvider.Anthropic, "claude-3-opus", null)]
    public void A_provider_model_name_becomes_the_settings_of_that_provider(string name, ModelProvider provider, string? model, string? deployment)
    {
        Assert.True(BackendNames.IsApi(name));
        var settings = ChatBackends.Settings(name);
        Assert.Equal(provider, settings.Provider);
        Assert.Equal(model, settings.Model);
        Assert.Equal(deployment, settings.Deployment);
    }

    [Fact]
    public void The_help_names_every_provider()
    {
        Assert.All(BackendNames.Providers, provider => Assert.Contains(provider, BackendNames.Help, StringComparison.Ordinal));
    }
}
