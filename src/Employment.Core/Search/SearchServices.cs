using Microsoft.Extensions.Configuration;
using Employment.Core.Data;
using Employment.Core.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Employment.Core.Search;

/// <summary>Wakes the indexer when a save wrote outbox rows, so a change is searchable within a second.</summary>
public sealed class IndexSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);
    private long _writes;

    /// <summary>Saves in this process that wrote outbox rows, since start: readers that cache the job bank (the kiosk) look again when it moves.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public void Notify()
    {
        Interlocked.Increment(ref _writes);
        Wake();
    }

    /// <summary>Wakes the indexer for a change another process wrote (PostgreSQL's notification); not a save of this process.</summary>
    public void Wake()
    {
        // At most one pending wake-up: the indexer reads everything new on each pass.
        if (_pending.CurrentCount == 0)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread released it first; one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}

/// <summary>Signals the indexer after each successful save that touched searchable records.</summary>
internal sealed class IndexSignalInterceptor(IndexSignal signal) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Signal(eventData);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Signal(eventData);
        return ValueTask.FromResult(result);
    }

    private void Signal(SaveChangesCompletedEventData eventData)
    {
        if (eventData.Context is AppDbContext { WroteIndexChanges: true })
        {
            signal.Notify();
        }
    }
}

public static class SearchServices
{
    /// <summary>
    /// The three indexes (under <c>Search:IndexRoot</c>, by default <c>index/</c> in the data directory),
    /// the engine, and the synchronizer.
    /// </summary>
    public static IServiceCollection AddEmploymentSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>()
            .Bind(configuration.GetSection(SearchOptions.Section))
            .Configure<IOptions<DataOptions>>((search, data) =>
            {
                if (string.IsNullOrWhiteSpace(search.IndexRoot))
                {
                    search.IndexRoot = data.Value.IndexRoot;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new JobBankIndex(sp.GetRequiredService<IOptions<SearchOptions>>().Value));
        services.AddSingleton(sp => new TalentPoolIndex(sp.GetRequiredService<IOptions<SearchOptions>>().Value));
        services.AddSingleton(sp => new CourseIndex(sp.GetRequiredService<IOptions<SearchOptions>>().Value));
        services.AddSingleton(sp => new CourseTextSearch(sp.GetRequiredService<CourseIndex>(),
            ct => sp.GetRequiredService<IndexSynchronizer>().CoursesAfterLocalWritesAsync(ct)));
        services.AddSingleton(sp => new PositionTextSearch(sp.GetRequiredService<JobBankIndex>()));
        services.AddSingleton(sp => new MatchingEngine(sp.GetRequiredService<JobBankIndex>(), sp.GetRequiredService<TalentPoolIndex>()));
        services.AddSingleton<IndexSynchronizer>();
        services.AddSingleton<SearchNodes>();
        services.AddScoped<Counseling.MatchAlerts>();
        services.AddSingleton<IndexSignal>();
        services.AddSingleton<IndexSignalInterceptor>();
        return services;
    }
}
