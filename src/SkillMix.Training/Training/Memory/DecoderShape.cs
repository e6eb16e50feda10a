namespace SkillMix.Training.Training.Memory;

/// <summary>The sizes of a LLaMA-family decoder that decide its memory: config.json's hidden_size, intermediate_size,
/// num_hidden_layers, num_attention_heads, num_key_value_heads, vocab_size and tie_word_embeddings.</summary>
public sealed record DecoderShape(int Hidden, int Intermediate, int Layers, int Heads, int KvHeads, int Vocab, bool TiedEmbeddings = false)
{
    /// <summary>meta-llama/Llama-2-13b-chat-hf's config.json.</summary>
    public static readonly DecoderShape Llama2_13B = new(5120, 13824, 40, 40, 40, 32000);

    /// <summary>meta-llama/Llama-2-7b-chat-hf's config.json.</summary>
    public static readonly DecoderShape Llama2_7B = new(4096, 11008, 32, 32, 32, 32000);

    /// <summary>mistralai/Mistral-7B-Instruct-v0.2's config.json (grouped-query attention, 8 key-value heads).</summary>
    public static readonly DecoderShape Mistral7B = new(4096, 14336, 32, 32, 8, 32000);

    /// <summary>Width of the keys and values: heads share them in groups.</summary>
    public long KvWidth => (long)Hidden / Heads * KvHeads;

    /// <summary>(in, out) of each projection a LoRA target can name.</summary>
    public (long In, long Out) Projection(string name) => name switch
    {
        "q_proj" or "o_proj" => (Hidden, Hidden),
        "k_proj" or "v_proj" => (Hidden, KvWidth),
        "gate_proj" or "up_proj" => (Hidden, Intermediate),
        "down_proj" => (Intermediate, Hidden),
        _ => throw new ArgumentException(
            $"LoRA TargetModules names '{name}', which a LLaMA-family layer does not have; use q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj or down_proj."),
    };

    public long ParameterCount()
    {
        long h = Hidden;
        var perLayer = 2 * h * h + 2 * h * KvWidth + 3 * h * Intermediate + 2 * h;   // q, o; k, v; gate, up, down; two norms
        var embeddings = (long)Vocab * h * (TiedEmbeddings ? 1 : 2);
        return Layers * perLayer + embeddings + h;                                 // + the final norm
    }
}
