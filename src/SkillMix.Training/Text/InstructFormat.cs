namespace SkillMix.Training.Text;

/// <summary>How a real student's conversations were laid out in tokens when it was instruction-tuned.</summary>
public enum InstructFormat
{
    /// <summary>LLaMA-2-Chat: each exchange is BOS "[INST] prompt [/INST] answer " EOS; a system prompt sits in &lt;&lt;SYS&gt;&gt; inside the first prompt.</summary>
    Llama2Chat,

    /// <summary>Mistral-Instruct v0.2: one BOS, then "[INST] prompt [/INST]" and "answer" EOS per exchange; a system prompt precedes the first prompt.</summary>
    MistralInstruct,
}
