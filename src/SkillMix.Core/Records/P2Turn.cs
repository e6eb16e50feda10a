namespace SkillMix.Core.Records;

/// <summary>One turn of a generation in Skill-Mix's records.csv: user_i, assistant_i, model_input_i and text_i.</summary>
public sealed record P2Turn(string User, string Assistant, string ModelInput, string Text);
