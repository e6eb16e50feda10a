namespace SkillMix.Models.Backends;

/// <summary>The wire protocols a backend can speak; chosen by name in the backend settings.</summary>
public enum ModelProvider
{
    /// <summary>OpenAI's chat completions API, or any server that speaks it (vLLM, llama.cpp server, Ollama).</summary>
    OpenAI,

    /// <summary>Azure OpenAI deployments, with an API key or Entra ID.</summary>
    Azure,

    /// <summary>Anthropic's messages API.</summary>
    Anthropic,
}
