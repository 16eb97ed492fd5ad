using Employment.Core.Data;
using Employment.Core.Matching;
using Employment.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Employment.Web.Infrastructure;

public static class SearchSetup
{
    /// <summary>
    /// The job bank, talent pool and course indexes (one writer each, for the life of the process), the
    /// engine over them, and the indexer that keeps them equal to the database.
    /// </summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEmploymentSearch(builder.Configuration);
        builder.Services.AddSingleton<IndexingService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IndexingService>());
        builder.Services.AddHealthChecks().AddCheck<IndexHealthCheck>("indexes");
        return builder;
    }
}

/// <summary>
/// The one indexer of the process: builds the indexes at start when missing or stale, then applies
/// outbox rows as soon as a save signals them: a save in this process directly; on PostgreSQL a save
/// by another node or the CLI through the notification its commit sends. It also looks every few
/// seconds regardless (every second on PostgreSQL), for a change whose signal was lost.
/// </summary>
public sealed class IndexingService(IndexSynchronizer synchronizer, IndexSignal signal, IOptions<SearchOptions> search,
    IOptions<DataOptions> data, ILogger<IndexingService> logger) : BackgroundService
{
    // Another node's or the CLI's change wakes the indexer at once on PostgreSQL (LISTEN/NOTIFY);
    // the poll is the fallback should a notification be lost, short enough for the five seconds.
    private readonly TimeSpan _poll = TimeSpan.FromSeconds(search.Value.PollSeconds ?? (data.Value.Database.IsPostgres ? 1 : 5));
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once both indexes have caught up with the database after start.</summary>
    public Task Ready => _ready.Task;

    public DateTime? LastSyncUtc { get; private set; }
    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // jieba's dictionary takes seconds to load: at start, not at the first change another node or
        // the CLI writes (which must be searchable here within seconds) nor at the first search.
        await Task.Run(Words.Warm, stoppingToken);
        var listening = data.Value.Database.IsPostgres
            ? PostgresStore.ListenAsync(data.Value.ConnectionString, PostgresAppDbContext.OutboxChannel, signal.Wake, logger, stoppingToken)
            : Task.CompletedTask;
        try
        {
            await IndexAsync(stoppingToken);
        }
        finally
        {
            await listening;
        }
    }

    private async Task IndexAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !_ready.Task.IsCompleted)
        {
            try
            {
                foreach (var result in await synchronizer.EnsureCurrentAsync(stoppingToken))
                {
                    logger.LogInformation("{Index} index ready: {Applied} applied{Rebuilt}, watermark {Watermark}",
                        result.Index, result.Applied, result.Rebuilt ? " (rebuilt)" : "", result.Watermark);
                }
                LastSyncUtc = DateTime.UtcNow;
                LastError = null;
                await synchronizer.RecordNodeAsync(stoppingToken);
                await synchronizer.WarmAsync(stoppingToken);
                _ready.TrySetResult();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LastError = ex.Message;
                logger.LogError(ex, "Building the indexes failed; retrying");
                await Task.Delay(_poll, stoppingToken);
            }
        }

        var lastPurge = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(_poll, stoppingToken);
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var applied = await synchronizer.CatchUpAsync(stoppingToken);
                if (applied > 0)
                {
                    logger.LogInformation("Applied {Applied} index changes in {Ms:0} ms", applied,
                        System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                LastSyncUtc = DateTime.UtcNow;
                LastError = null;
                await synchronizer.RecordNodeAsync(stoppingToken);
                // Applied outbox rows are history nobody reads; keep the table small.
                if (LastSyncUtc - lastPurge > PurgeEvery)
                {
                    await synchronizer.PurgeAppliedAsync(stoppingToken);
                    lastPurge = LastSyncUtc.Value;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The rows stay in the outbox; the next pass retries them.
                LastError = ex.Message;
                logger.LogError(ex, "Applying index changes failed; will retry");
            }
        }
    }
}

internal sealed class IndexHealthCheck(IndexSynchronizer synchronizer, IndexingService indexing) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["node"] = synchronizer.NodeId,
            ["jobBankDocuments"] = synchronizer.JobBank.Count,
            ["talentPoolDocuments"] = synchronizer.TalentPool.Count,
            ["jobBankWatermark"] = synchronizer.JobBank.Watermark ?? -1,
            ["talentPoolWatermark"] = synchronizer.TalentPool.Watermark ?? -1,
            ["courseDocuments"] = synchronizer.Courses.Count,
            ["courseWatermark"] = synchronizer.Courses.Watermark ?? -1,
        };
        if (indexing.LastSyncUtc is { } last)
        {
            data["lastSyncUtc"] = last;
        }
        // Each record the index refused names itself, so an operator can correct that one record.
        var refused = synchronizer.JobBank.Unindexable.Select(r => new { index = "jobBank", id = r.Key, reason = r.Value })
            .Concat(synchronizer.TalentPool.Unindexable.Select(r => new { index = "talentPool", id = r.Key, reason = r.Value }))
            .Concat(synchronizer.Courses.Unindexable.Select(r => new { index = "courses", id = r.Key, reason = r.Value }))
            .OrderBy(r => r.index, StringComparer.Ordinal).ThenBy(r => r.id, StringComparer.Ordinal).Take(100).ToList();
        if (refused.Count > 0)
        {
            data["unindexable"] = refused;
        }
        if (indexing.LastError is { } error)
        {
            return Task.FromResult(HealthCheckResult.Degraded("indexing failing: " + error, data: data));
        }
        if (refused.Count > 0 && indexing.Ready.IsCompleted)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                "records the index could not hold: " + string.Join(", ", refused.Select(r => r.id)), data: data));
        }
        return Task.FromResult(indexing.Ready.IsCompleted
            ? HealthCheckResult.Healthy("indexes current", data)
            : HealthCheckResult.Degraded("indexes building", data: data));
    }
}
