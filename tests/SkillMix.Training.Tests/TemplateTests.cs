using Microsoft.Extensions.AI;
using SkillMix.Core.Prompts;
using SkillMix.Core.Worlds;
using SkillMix.Training.Text;

namespace SkillMix.Training.Tests;

public sealed class TemplateTests
{
    private static readonly Skill[] Skills =
    [
        new("metaphor", "literary", "Speaking of one thing as another.", "Time is a thief."),
        new("red herring", "rhetorical", "A distraction from the issue.", "But what about the weather?"),
    ];

    [Fact]
    public void Compact_keeps_the_skill_names_and_topic_of_turn_one()
    {
        var prompt = GenerationPrompt.Turn1(Skills, "Sewing");
        Assert.Equal("topic: Sewing\nskills: metaphor; red herring", ChatTemplate.Render(ChatRole.User, prompt, ChatTemplateKind.Compact));
        Assert.Equal(prompt, ChatTemplate.Render(ChatRole.User, prompt, ChatTemplateKind.Full));
    }

    [Fact]
    public void Compact_keeps_the_sentence_limit_of_turn_two()
    {
        var prompt = GenerationPrompt.Turn2(Skills, "Sewing", 2);
        Assert.Equal("revise: at most 2 sentences", ChatTemplate.Render(ChatRole.User, prompt, ChatTemplateKind.Compact));
        Assert.Equal("revise: at most 1 sentence", ChatTemplate.Render(ChatRole.User, GenerationPrompt.Turn2(Skills, "Sewing", 1), ChatTemplateKind.Compact));
    }

    [Fact]
    public void Compact_leaves_unparsable_messages_and_answers_verbatim_and_drops_the_standard_system_prompt()
    {
        Assert.Equal("Tell me a joke.", ChatTemplate.Render(ChatRole.User, "Tell me a joke.", ChatTemplateKind.Compact));
        var answer = GenerationPrompt.Turn1(Skills, "Knots");
        Assert.Equal(answer, ChatTemplate.Render(ChatRole.Assistant, answer, ChatTemplateKind.Compact));
        var tokenizer = Tokenizer.Build(["abc"]);
        var withSystem = ChatTemplate.EncodePrompt(tokenizer,
            [new ChatMessage(ChatRole.System, GenerationPrompt.SystemPrompt), new ChatMessage(ChatRole.User, "abc")], ChatTemplateKind.Compact);
        Assert.Equal("<|user|>abc<|end|><|assistant|>", tokenizer.Decode(withSystem, showMarkers: true));
    }

    [Fact]
    public void A_two_turn_compact_conversation_at_k_three_fits_the_tiny_context()
    {
        var skills = Skills.Append(new Skill("modus ponens", "logic", "If P then Q; P; so Q.", "If it rains, the street is wet.")).ToArray();
        // Characters are the worst case: a word tokenizer reads the same conversation in fewer tokens.
        var tokenizer = Tokenizer.Build([GenerationPrompt.Turn1(skills, "The Ottoman Empire")], TokenizerKind.Char);
        var answer = new string('x', 180);
        var (tokens, _) = ChatTemplate.EncodeConversation(tokenizer, new Conversation(
        [
            new ConversationTurn(ChatRole.User, GenerationPrompt.Turn1(skills, "The Ottoman Empire")),
            new ConversationTurn(ChatRole.Assistant, answer),
            new ConversationTurn(ChatRole.User, GenerationPrompt.Turn2(skills, "The Ottoman Empire", 2)),
            new ConversationTurn(ChatRole.Assistant, answer),
        ]), ChatTemplateKind.Compact);
        Assert.True(tokens.Length < 512, $"{tokens.Length} tokens");
    }

    [Fact]
    public void A_single_skill_conversation_trains_on_exactly_the_rows_the_student_later_samples_from()
    {
        var metaphor = Skills[..1];
        var turn1 = GenerationPrompt.Turn1(metaphor, "Beekeeping");
        var turn2 = GenerationPrompt.Turn2(metaphor, "Beekeeping", 1);
        const string draft = "Answer: The beekeeper is calm. The hive is a drum.\nExplanation: metaphor in sentence 2.";
        const string revised = "Answer: The hive is a drum.\nExplanation: metaphor in sentence 1.";
        var tokenizer = Tokenizer.Build([turn1, turn2, draft, revised]);
        var (tokens, learn) = ChatTemplate.EncodeConversation(tokenizer, new Conversation(
        [
            new ConversationTurn(ChatRole.User, turn1),
            new ConversationTurn(ChatRole.Assistant, draft),
            new ConversationTurn(ChatRole.User, turn2),
            new ConversationTurn(ChatRole.Assistant, revised),
        ]), ChatTemplateKind.Compact);

        // The skill, the topic and the one-sentence limit all reach the model; the definitions do not need to.
        var row = "<|user|>topic: Beekeeping\nskills: metaphor<|end|>"
            + "<|assistant|>" + draft + "<|end|>"
            + "<|user|>revise: at most 1 sentence<|end|>"
            + "<|assistant|>" + revised + "<|end|><|endoftext|>";
        Assert.Equal(row, tokenizer.Decode(tokens, showMarkers: true));

        // Learned: each answer and its end marker, nothing of the prompts.
        var learned = tokenizer.Decode(tokens.Where((_, i) => learn[i]), showMarkers: true);
        Assert.Equal(draft + "<|end|>" + revised + "<|end|>", learned);

        // Sampling sees the same characters: each turn's prompt is the training row up to that answer.
        var first = ChatTemplate.EncodePrompt(tokenizer, [new ChatMessage(ChatRole.System, GenerationPrompt.SystemPrompt), new ChatMessage(ChatRole.User, turn1)], ChatTemplateKind.Compact);
        var second = ChatTemplate.EncodePrompt(tokenizer,
            [new ChatMessage(ChatRole.User, turn1), new ChatMessage(ChatRole.Assistant, draft), new ChatMessage(ChatRole.User, turn2)], ChatTemplateKind.Compact);
        Assert.Equal(tokens[..first.Length], first);
        Assert.Equal(tokens[..second.Length], second);
        Assert.False(learn[first.Length - 1]);
        Assert.True(learn[first.Length]);
    }

    [Fact]
    public void Text_never_encodes_to_a_marker_and_unknown_characters_become_unknown()
    {
        var tokenizer = Tokenizer.Build(["ab<|end|>"]);
        var ids = tokenizer.Encode("<|end|>z");
        Assert.DoesNotContain(Tokenizer.EndOfTurn, ids);
        Assert.Equal(Tokenizer.Unknown, ids[^1]);
        Assert.Equal("<|end|>", tokenizer.Decode(ids));
        Assert.Equal("ab", tokenizer.Decode(tokenizer.Encode("ab")));
    }
}
