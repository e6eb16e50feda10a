namespace SkillMix.FakeModelServer;

/// <summary>What a reply function sees of a chat request.</summary>
/// <param name="Format">"openai" (also Azure) or "anthropic".</param>
/// <param name="Model">The "model" member of the body, or the Azure deployment from the path.</param>
/// <param name="LastUserText">The text of the last user message.</param>
/// <param name="Body">The raw request body.</param>
public sealed record FakeChatRequest(string Format, string Model, string LastUserText, string Body);
