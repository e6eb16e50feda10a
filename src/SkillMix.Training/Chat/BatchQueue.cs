namespace SkillMix.Training.Chat;

/// <summary>
/// Requests that arrive while a batch runs join the next one: one drainer at a time takes whatever is pending, up to
/// <c>maxBatch</c>, runs it, and completes each request with its result, until nothing is pending. A pipeline that awaits
/// many calls at once thus keeps the batch full.
/// </summary>
internal sealed class BatchQueue<TRequest, TResult>(Func<IReadOnlyList<TRequest>, IReadOnlyList<TResult>> run, int maxBatch)
{
    private readonly Lock _gate = new();
    private readonly List<(TRequest Request, TaskCompletionSource<TResult> Done)> _pending = [];
    private bool _draining;

    public Task<TResult> Enqueue(TRequest request, CancellationToken cancellationToken) =>
        EnqueueAll([request], cancellationToken)[0];

    /// <summary>Enqueues all of <paramref name="requests"/> at once, so they start in the same batch where it has room.</summary>
    public Task<TResult>[] EnqueueAll(IReadOnlyList<TRequest> requests, CancellationToken cancellationToken)
    {
        var tasks = new Task<TResult>[requests.Count];
        bool start;
        lock (_gate)
        {
            for (var i = 0; i < requests.Count; i++)
            {
                var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
                done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _pending.Add((requests[i], done));
                tasks[i] = done.Task;
            }
            start = !_draining;
            _draining = true;
        }
        if (start)
        {
            _ = Task.Run(Drain, CancellationToken.None);
        }
        return tasks;
    }

    private void Drain()
    {
        while (true)
        {
            List<(TRequest Request, TaskCompletionSource<TResult> Done)> batch;
            lock (_gate)
            {
                _pending.RemoveAll(p => p.Done.Task.IsCompleted);
                if (_pending.Count == 0)
                {
                    _draining = false;
                    return;
                }
                batch = _pending.Take(Math.Max(1, maxBatch)).ToList();
                _pending.RemoveRange(0, batch.Count);
            }
            try
            {
                var results = run(batch.Select(p => p.Request).ToArray());
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(e);
                }
            }
        }
    }
}
