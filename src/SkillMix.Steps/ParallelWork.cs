namespace SkillMix.Steps;

/// <summary>Maps items concurrently with a bound, keeping the results in the items' order.</summary>
internal static class ParallelWork
{
    public static async Task<IReadOnlyList<TResult>> MapAsync<TItem, TResult>(IReadOnlyList<TItem> items, int concurrency,
        Func<TItem, CancellationToken, Task<TResult>> map, CancellationToken cancellationToken)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await map(items[i], ct));
        return results;
    }
}
