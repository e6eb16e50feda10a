using SkillMix.Core.Records;
using SkillMix.Core.Tests.Support;

namespace SkillMix.Core.Tests.Records;

/// <summary>
/// The headers below are those of LeoYu/skill-mix's published test/ folder (commit aeeea53): generation records of
/// gpt-4 and mistral-7b-chat (user_i / assistant_i), of llama2-7b-chat ([INST]_i / [/INST]_i), and graded records.
/// The LLaMA grader's graded header follows task.py, which names the request and reply after the grader's chat roles.
/// </summary>
public sealed class P2RecordShapeTests
{
    private const string GptGeneration = "k,skills,topic,system prompt,user_0,assistant_0,model_input_0,text_0,user_1,assistant_1,model_input_1,text_1";
    private const string LlamaGeneration = "k,skills,topic,system prompt,[INST]_0,[/INST]_0,model_input_0,text_0,[INST]_1,[/INST]_1,model_input_1,text_1";
    private const string GptGraded = "k,skills,topic,system prompt,user_0,assistant_0,model_input_0,score_0,score_extracted_0,points_0,"
        + "num_sentences_manual_in_student_answer_0,true_sentence_lim_pt_0,num_sentences_extracted_eq_num_sentences_model_0";
    private const string LlamaGraded = "k,skills,topic,system prompt,[INST]_0,[/INST]_0,model_input_0,score_0,score_extracted_0,points_0,"
        + "num_sentences_manual_in_student_answer_0,true_sentence_lim_pt_0,num_sentences_extracted_eq_num_sentences_model_0";

    public static TheoryData<string, string> Headers => new()
    {
        { GptGeneration, "generation records, GPT-style" },
        { LlamaGeneration, "generation records, LLaMA-style" },
        { GptGraded, "graded records, GPT-style" },
        { LlamaGraded, "graded records, LLaMA-style" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Each_published_header_is_recognized_with_or_without_a_system_prompt(string header, string shape)
    {
        Assert.Equal(shape, P2RecordShape.Match(header.Split(','))?.Name);
        Assert.Equal(shape, P2RecordShape.Match(header.Replace("system prompt,", "", StringComparison.Ordinal).Split(','))?.Name);
        // pandas' unnamed index column and stray spaces around names do not change the shape.
        Assert.Equal(shape, P2RecordShape.Match(("," + header.Replace(",", " , ", StringComparison.Ordinal)).Split(','))?.Name);
    }

    [Fact]
    public void An_unknown_header_is_an_error_naming_file_line_and_the_known_shapes()
    {
        using var temp = new TempFolder();
        var path = temp.File("k2_s1_v1_r1/m/records.csv", "k,skills,topic,prompt_0,response_0,text_0\n2,\"a, \nb\",Sewing,p,r,t\n");
        var e = Assert.Throws<SkillMixDataException>(() => GradedRecordLoader.Load(temp.Path));
        Assert.Equal(path, e.File);
        Assert.Equal(1, e.Line);
        foreach (var shape in P2RecordShape.Known)
        {
            Assert.Contains(shape.Name, e.Message, StringComparison.Ordinal);
        }
        Assert.Contains("[INST]_0", e.Message, StringComparison.Ordinal);
        Assert.Contains("'response_0'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Llama_style_generation_records_read_every_turn()
    {
        using var temp = new TempFolder();
        var path = temp.File("records.csv", LlamaGeneration + "\n"
            + "2,\"metaphor, \nred herring\",Sewing,,ask one,\" Sure!\n\nAnswer: one\",in0,one,ask two,\" Here.\n\nAnswer: two\nExplanation: e\",in1,two\n");
        var row = Assert.Single(P2GenerationCsv.Read(path));
        Assert.Equal(["metaphor", "red herring"], row.Skills);
        Assert.Equal("", row.SystemPrompt);
        Assert.Equal(2, row.Turns.Count);
        Assert.Equal(new P2Turn("ask two", " Here.\n\nAnswer: two\nExplanation: e", "in1", "two"), row.Turns[1]);
    }

    [Fact]
    public void A_graded_file_where_generation_records_are_expected_is_an_error()
    {
        using var temp = new TempFolder();
        var path = temp.File("records.csv", GptGraded + "\n");
        var e = Assert.Throws<SkillMixDataException>(() => P2GenerationCsv.Read(path));
        Assert.Contains("graded records, GPT-style", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }
}
