namespace SkillMix.Training.Training.Lora;

/// <summary>
/// Low-rank adaptation (Hu et al., 2021) as PEFT defines it: each target linear layer's output gains
/// <c>lora_B(lora_A(dropout(x))) * alpha / rank</c>, with lora_A drawn like PyTorch's default linear init
/// (kaiming-uniform, a = sqrt(5)) and lora_B zero, so a fresh adapter leaves the model unchanged. The base weights are frozen.
/// </summary>
public sealed record LoraConfig
{
    /// <summary>The LLaMA family's attention and MLP projections: every linear layer of a block.</summary>
    public static readonly IReadOnlyList<string> AllLlamaProjections =
        ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    /// <summary>r: the inner width of the adapter; at least 1 and at most the smaller side of each target layer.</summary>
    public int Rank { get; init; } = 16;

    /// <summary>lora_alpha: the adapter's output is scaled by Alpha / Rank.</summary>
    public double Alpha { get; init; } = 32;

    /// <summary>lora_dropout: dropout on the adapter's input while training; 0 turns it off.</summary>
    public double Dropout { get; init; } = 0.05;

    /// <summary>target_modules: a module is a target when its path equals a name or ends with "." and the name (PEFT's rule).</summary>
    public IReadOnlyList<string> TargetModules { get; init; } = AllLlamaProjections;

    /// <summary>The factor on the adapter's output.</summary>
    public double Scaling => Alpha / Rank;

    /// <summary>Checks the values that need no model; the target layers' sizes are checked when the adapter is injected.</summary>
    public void Validate()
    {
        if (Rank < 1)
        {
            throw new ArgumentException($"LoRA Rank is {Rank}; it must be at least 1 (8 to 64 are usual).");
        }
        if (!(Alpha > 0) || double.IsInfinity(Alpha))
        {
            throw new ArgumentException($"LoRA Alpha is {Alpha}; it must be a positive number (often twice the Rank).");
        }
        if (!(Dropout is >= 0 and < 1))
        {
            throw new ArgumentException($"LoRA Dropout is {Dropout}; it must be at least 0 and below 1.");
        }
        if (TargetModules.Count == 0 || TargetModules.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("LoRA TargetModules is empty or holds a blank name; list module names such as q_proj;v_proj.");
        }
    }
}
