using System.Threading.Channels;
using Employment.Core.Data;

namespace Employment.Web.Infrastructure;

/// <summary>
/// Commits the personal-data audit of concurrent requests together ("group commit"). A request may
/// not show a record before its audit entries are committed, so it waits for the commit; but on
/// SQLite every commit takes the store's one write lock and an fsync, and with four counselors'
/// requests at once each one spent about two thirds of its time queued on that lock (dotnet-trace of
/// <c>/Counselor</c> under <c>wrk -c4</c>, docs/benchmarks.md). Entries that arrive while one
/// commit runs go into the next, so N waiting requests cost one lock and one fsync, not N.
/// A failed commit fails every request in it: none of them shows what was not logged.
/// </summary>
public sealed class AuditGroupCommit : IAsyncDisposable
{
    // A bound on one transaction's size; a caseload page lists at most a few hundred records.
    private const int MaxRequestsPerCommit = 64;

    private sealed record Pending(Action<AuditTrail> Add, TaskCompletionSource Committed);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly Task _writer;

    public AuditGroupCommit(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Adds this request's entries (through <paramref name="add"/>) to the next commit and waits for it.</summary>
    public Task CommitAsync(Action<AuditTrail> add, CancellationToken ct)
    {
        var pending = new Pending(add, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AuditGroupCommit), "the host is stopping; nothing is shown unlogged");
        }
        return pending.Committed.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxRequestsPerCommit);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxRequestsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
                foreach (var pending in batch)
                {
                    pending.Add(audit);
                }
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
                batch.ForEach(p => p.Committed.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(p => p.Committed.TrySetException(e));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }
}
