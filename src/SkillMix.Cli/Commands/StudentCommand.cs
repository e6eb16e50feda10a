using SkillMix.Core.Checkpoints;
using System.CommandLine;
using SkillMix.Training.Checkpoints;

namespace SkillMix.Cli.Commands;

/// <summary>skillmix student: a real student's checkpoint alone, to check it loads, tokenizes and samples.</summary>
internal static class StudentCommand
{
    public static Command Create() => new("student", "A Hugging Face student checkpoint: sample from it, tokenize with its tokenizer, fine-tune it.")
    {
        StudentGenerateCommand.Create(),
        StudentTokenizeCommand.Create(),
        StudentTrainCommand.Create(),
    };

    /// <summary>
    /// Runs a student subcommand: a checkpoint, tokenizer or device that cannot be used is its SKMX error (exit 2, bad
    /// input data); a bad option, exit 1 (bad command line).
    /// </summary>
    public static int Run(ParseResult parse, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (CheckpointException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"skillmix: error {e.Code}: {e.Message}");
            return 2;
        }
        catch (IOException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"skillmix: error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"skillmix: error: {e.Message}");
            return 1;
        }
    }
}
