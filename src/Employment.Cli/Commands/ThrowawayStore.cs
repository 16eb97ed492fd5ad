using System.CommandLine;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Cli.Commands;

/// <summary>
/// The contract's verbs that answer about a dataset file (`match`, `training`, `search`) load it into
/// a store of their own under the temp folder, so they never touch the operator's data directory:
/// migrated, imported (validated whole, as `import` does), indexed when asked, and deleted after.
/// </summary>
internal sealed class ThrowawayStore : IAsyncDisposable
{
    private readonly string _dir;
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private ThrowawayStore(string dir, ServiceProvider services)
    {
        _dir = dir;
        _services = services;
        _scope = services.CreateAsyncScope();
    }

    /// <summary>The scope the verb works in (one database context).</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    public AppDbContext Db => Services.GetRequiredService<AppDbContext>();

    /// <param name="verb">Names the temp folder, for whoever finds one left behind.</param>
    /// <param name="search">Builds the Lucene indexes too (the engine and search read them).</param>
    public static async Task<ThrowawayStore> OpenAsync(ParseResult parse, string verb, Dataset dataset, bool search,
        Action<IServiceCollection>? configure, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"employment-{verb}-{Guid.NewGuid():N}");
        var store = new ThrowawayStore(dir, CliOptions.BuildServices(parse, dataDirOverride: dir, search: search, configure: configure));
        try
        {
            await store.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            await store.Services.GetRequiredService<DatasetImporter>().ImportAsync(dataset, ct);
            if (search)
            {
                await store._services.GetRequiredService<IndexSynchronizer>().RebuildAsync(cancellationToken: ct);
            }
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the OS temp cleaner; the answer is already out.
        }
    }
}
