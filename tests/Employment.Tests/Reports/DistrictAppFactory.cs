using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Reports;

/// <summary>The real web host on an empty database, filled with <see cref="HandMadeDistrict"/> and its clock (2026-11-15).</summary>
public sealed class DistrictAppFactory() : AppFactory(demo: false)
{
    public FixedClock Clock { get; } = FixedClock.On(HandMadeDistrict.Today);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Starts the host and fills the district once.</summary>
    public async Task<DistrictAppFactory> ReadyAsync()
    {
        await _ready.WaitAsync();
        try
        {
            if (!_filled)
            {
                await WithDbAsync(async db => { await HandMadeDistrict.SeedAsync(db); return 0; });
                _filled = true;
            }
        }
        finally
        {
            _ready.Release();
        }
        return this;
    }

    private readonly SemaphoreSlim _ready = new(1, 1);
    private bool _filled;
}
