using Employment.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Infrastructure;

/// <summary>
/// The real web host on a temp data directory: a real SQLite file and real index folders, deleted
/// when the factory is disposed.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly TempDir _dir = new("employment-web");
    private readonly bool _demo;

    public AppFactory() : this(demo: true)
    {
    }

    protected AppFactory(bool demo) => _demo = demo;

    public string DataDir => _dir.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DataDir", _dir.Path);
        TestStore.Use(builder, _dir.Path);
        builder.UseSetting("Seed:Demo", _demo ? "true" : "false");
    }

    /// <summary>Waits until the indexer has built or caught up the indexes after start.</summary>
    public async Task WaitForIndexesAsync()
    {
        _ = Server;
        await Services.GetRequiredService<Employment.Web.Infrastructure.IndexingService>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _dir.Dispose();
        }
    }
}

/// <summary>The host with an empty database: for tests that bring their own data.</summary>
public sealed class EmptyAppFactory() : AppFactory(demo: false);
