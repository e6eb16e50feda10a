using SkillMix.Steps.Report;

namespace SkillMix.Steps.Tests.Report;

public sealed class MarkdownResultsTests
{
    [Fact]
    public void The_sample_gives_the_table_written_by_hand()
    {
        var expected = """
            # Results of Tiny

            - World: offline (identity abc123)
            - Seed: 10
            - Teacher: offline-teacher; grader: offline-grader; student: tinygpt
            - Report time (UTC): 2026-11-24T05:30:00Z

            | model | train k=2 | train k=3 | held-out k=2 | held-out k=3 |
            |---|---|---|---|---|
            | base | FM .25 [.00, .75] · SF .60 [.40, .80] | FM .00 [.00, .00] · SF .50 [.33, .67] | – | FM .00 [.00, .00] · SF .33 [.33, .33] (n = 1) |
            | D12 | FM .75 [.25, 1.00] · SF .90 [.80, 1.00] | – | FM .50 [.00, 1.00] · SF .70 [.45, .95] | FM .25 [.00, .75] · SF .58 [.42, .75] |

            ## Training sets

            | set | k | attempts | kept | kept fraction |
            |---|---|---|---|---|
            | D1 | 1 | 8 | 6 | 75.0% |
            | D2 | 2 | 12 | 5 | 41.7% |

            ## Cost

            | step | calls | input tokens | output tokens | USD |
            |---|---|---|---|---|
            | generate-D1 | 16 | 1000 | 400 | 0.25 |
            | grade-D12-held-out | 36 | 5000 | 700 | 0.50 |

            Total: 0.75 USD at list price, as recorded when each step was computed; steps restored from the store cost nothing again.

            ## Legend

            - FM: ratio of full marks (every skill, the topic, sense and the sentence limit earned).
            - SF: skills fraction (the share of skills earned, when topic, sense and the sentence limit are all earned).
            - AS: ratio of all skills (every skill earned and at least two of the other three points); in results.csv and results.json.
            - A value is the mean over combinations of the best of G generations of each combination, each generation's points being the majority vote of R gradings; brackets hold the 95% bootstrap interval of the mean.
            - Each cell is over n combinations, as below; a cell with fewer says "(n = ...)". – marks a cell without data.

            | setting | skills | topics | k | n | G | R |
            |---|---|---|---|---|---|---|
            | train | train | train | 2, 3 | 4 | 3 | 3 |
            | held-out | held-out | held-out | 2, 3 | 4 | 3 | 3 |

            """;

        Assert.Equal(expected, Render(ReportSample.Input()));
    }

    [Fact]
    public void A_model_without_any_cell_gets_a_row_of_dashes()
    {
        var text = Render(ReportSample.Input(models: ["base", "D12", "D123"]));

        Assert.Contains("| D123 | – | – | – | – |\n", text);
    }

    [Fact]
    public void A_pipe_in_a_model_name_does_not_split_the_row()
    {
        var text = Render(ReportSample.Input(models: ["base", "D1|2"], cells: []));

        Assert.Contains("| D1\\|2 | – | – | – | – |\n", text);
    }

    [Fact]
    public void No_training_set_is_said_in_words()
    {
        var text = Render(ReportSample.Input() with { TrainingSets = [] });

        Assert.Contains("## Training sets\n\nThis experiment declares no training set.\n", text);
    }

    [Theory]
    [InlineData(0.0, ".00")]
    [InlineData(0.374, ".37")]
    [InlineData(0.376, ".38")]
    [InlineData(0.999, "1.00")]
    [InlineData(1.0, "1.00")]
    public void Ratios_read_like_the_papers_tables(double value, string expected) =>
        Assert.Equal(expected, MetricText.Ratio(value));

    private static string Render(ReportInput input)
    {
        using var w = new StringWriter { NewLine = "\n" };
        MarkdownResults.Write(ResultsGrid.Build(input), w);
        return w.ToString();
    }
}
