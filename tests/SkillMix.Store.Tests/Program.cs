namespace SkillMix.Store.Tests;

/// <summary>
/// The test assembly as a program, so a test can race two real processes on one store:
/// <c>race &lt;store&gt; &lt;work folder&gt; &lt;writer&gt;</c> prints "ready", waits for a line on standard input (the
/// starting gun, so both processes start together), runs <see cref="RaceWorker"/> and exits 0 when it saw no problem.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is not ["race", var store, var work, var writer])
        {
            Console.Error.WriteLine("usage: SkillMix.Store.Tests race <store> <work folder> <writer name>");
            return 2;
        }
        Console.WriteLine("ready");
        Console.Out.Flush();
        Console.In.ReadLine();
        var problems = RaceWorker.Run(store, work, writer);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem);
        }
        return problems.Count == 0 ? 0 : 1;
    }
}
