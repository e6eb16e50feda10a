using System.Text.Json.Nodes;

namespace SkillMix.Store.Tests;

public sealed class StepDefinitionTests
{
    // The hashes below were computed outside .NET: `printf '<the canonical JSON>' | sha256sum` on the hand-written text
    // in each test. If one of these fails, the key format changed: bump StepDefinition.KeySchemaVersion and re-pin.
    private const string WorldHash = "486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7"; // sha256("world")

    [Fact]
    public void Key_is_the_sha256_of_a_hand_written_canonical_json()
    {
        var definition = new StepDefinition("generate", "1",
            new Dictionary<string, JsonNode?>
            {
                ["Temperature"] = 0.7,
                ["Teacher"] = "offline",
                ["K"] = 2,
                ["Combinations"] = 100,
            },
            new Dictionary<string, string> { ["world"] = WorldHash });

        Assert.Equal(
            "{\"code\":\"1\",\"inputs\":{\"world\":\"" + WorldHash + "\"},\"kind\":\"generate\"," +
            "\"parameters\":{\"Combinations\":100,\"K\":2,\"Teacher\":\"offline\",\"Temperature\":0.7},\"schema\":2}",
            definition.CanonicalJson);
        Assert.Equal("e6f73fadb97ef698e9f27b89f8234b094394778bbb5ccab9409e5e99d54eb79c", definition.Key);
    }

    [Fact]
    public void Key_pins_the_encoding_of_numbers_strings_and_nested_values()
    {
        var definition = new StepDefinition("train", "2b", new Dictionary<string, JsonNode?>
        {
            ["Steps"] = 4000.0,
            ["Name"] = "caf\u00e9 \"x\"\n\u0001",
            ["Lr"] = 2e-5,
            ["Nested"] = new JsonObject { ["b"] = new JsonArray(1.0, 2.5), ["a"] = null, ["B"] = true },
        });

        Assert.Equal(
            "{\"code\":\"2b\",\"inputs\":{},\"kind\":\"train\",\"parameters\":{\"Lr\":2e-5," +
            "\"Name\":\"caf\u00e9 \\\"x\\\"\\n\\u0001\",\"Nested\":{\"B\":true,\"a\":null,\"b\":[1,2.5]},\"Steps\":4000}," +
            "\"schema\":2}",
            definition.CanonicalJson);
        Assert.Equal("31dff23f489f9ea201ab455c5a390969235b1da4dde0005b55f6de3f87c99f93", definition.Key);
    }

    [Theory]
    [InlineData("100", "100")]
    [InlineData("100.0", "100")]
    [InlineData("1e2", "100")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.10", "0.1")]
    [InlineData("2E-05", "2e-5")]
    [InlineData("1.5e300", "1.5e300")]
    [InlineData("9007199254740993", "9007199254740993")]
    public void A_number_is_written_by_its_value(string written, string canonical)
    {
        Assert.Equal(canonical, CanonicalJson.Number(written));
    }

    [Fact]
    public void The_same_values_in_another_order_or_form_give_the_same_key()
    {
        var a = new StepDefinition("sample", "1", new Dictionary<string, JsonNode?> { ["G"] = 3, ["T"] = 0.7 });
        var b = new StepDefinition("sample", "1", new Dictionary<string, JsonNode?> { ["T"] = JsonNode.Parse("0.70"), ["G"] = 3.0 });

        Assert.Equal(a.Key, b.Key);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Every_part_of_the_definition_changes_the_key()
    {
        var baseline = new StepDefinition("grade", "1", new Dictionary<string, JsonNode?> { ["Repeats"] = 3 },
            new Dictionary<string, string> { ["texts"] = WorldHash });
        var variants = new[]
        {
            baseline,
            new StepDefinition("sample", "1", baseline.ToJson()["parameters"]!.AsObject(), baseline.Inputs),
            new StepDefinition("grade", "2", baseline.ToJson()["parameters"]!.AsObject(), baseline.Inputs),
            baseline.WithParameter("Repeats", 5),
            baseline.WithParameter("Repeats", "3"),
            baseline.WithParameter("Extra", null),
            baseline.WithInput("texts", ContentHash.Of("other")),
            baseline.WithInput("more", WorldHash),
        };

        Assert.Equal(variants.Length, variants.Select(v => v.Key).Distinct().Count());
    }

    [Fact]
    public void An_input_that_is_not_a_key_is_refused_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new StepDefinition("train", "1", inputs: new Dictionary<string, string> { ["data"] = "D12" }));

        Assert.Contains("input 'data'", error.Message);
        Assert.Contains("64 lower-case hex", error.Message);
    }

    [Fact]
    public void Json_form_reads_back_to_the_same_definition()
    {
        var definition = new StepDefinition("filter", "3", new Dictionary<string, JsonNode?> { ["MinPoints"] = "full" },
            new Dictionary<string, string> { ["grades"] = WorldHash });

        var read = StepDefinition.FromJson(JsonNode.Parse(definition.ToJson().ToJsonString()), "steps/filter.json");

        Assert.Equal(definition.Key, read.Key);
        Assert.Equal(definition.CanonicalJson, read.CanonicalJson);
    }

    [Fact]
    public void A_saved_definition_with_an_unknown_member_is_refused_naming_the_file_and_member()
    {
        using var folder = new TempFolder();
        var path = folder.Sub("generate.json");
        File.WriteAllText(path, """{"code":"1","inputs":{},"kind":"generate","parameters":{},"schema":1,"colour":"red"}""");

        var error = Assert.Throws<StoreException>(() => StepDefinition.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("\"colour\"", error.Message);
    }

    [Fact]
    public void Save_and_load_keep_the_key()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "steps", "report.json");
        var definition = new StepDefinition("report", "1", new Dictionary<string, JsonNode?> { ["Format"] = "md" });

        definition.Save(path);

        Assert.Equal(definition.Key, StepDefinition.Load(path).Key);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }
}
