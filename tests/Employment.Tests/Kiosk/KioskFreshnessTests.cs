using System.Net;
using Employment.Core.Data;
using Employment.Core.Kiosk;
using Employment.Core.Positions;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Kiosk;

/// <summary>
/// The kiosk reads the job bank once and shares it between requests (KioskSnapshot), yet never
/// shows a position after it closed: not after a change made by this host, not after one made by
/// another process on the same database (the CLI), not after its employer is suspended.
/// </summary>
public sealed class KioskFreshnessTests(KioskFreshnessTests.Host app) : IClassFixture<KioskFreshnessTests.Host>
{
    /// <summary>The kiosk's per-address limit lifted: these tests read many pages from one address.</summary>
    public sealed class Host : AppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Kiosk:PermitsPerMinute", "100000");
            builder.UseSetting("RateLimits:PerMinute", "100000");
        }
    }

    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<List<string>> OpenIdsAsync(int take, int skip) =>
        await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<KioskCatalog>().OpenPositionsAsync(default))
                .Where(p => !p.Remote).OrderBy(p => p.Id, StringComparer.Ordinal).Skip(skip).Take(take).Select(p => p.Id).ToList();
        });

    [Fact]
    public async Task Repeated_anonymous_pages_read_the_job_bank_once()
    {
        await app.WaitForIndexesAsync();
        var client = Client();
        var snapshot = app.Services.GetRequiredService<KioskSnapshot>();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kiosk")).StatusCode);
        var builds = snapshot.Builds;

        for (var i = 0; i < 20; i++)
        {
            foreach (var path in new[] { "/kiosk", "/kiosk/positions", "/kiosk/positions?q=保洁", "/kiosk/streets" })
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
            }
        }

        // Other tests in this class may change the job bank meanwhile; 80 pages never read it 80 times.
        Assert.InRange(snapshot.Builds - builds, 0, 3);
    }

    [Fact]
    public async Task A_position_closed_by_this_host_is_gone_from_the_very_next_page()
    {
        await app.WaitForIndexesAsync();
        var id = (await OpenIdsAsync(1, 0))[0];
        var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kiosk/positions/" + id)).StatusCode);
        Assert.True(await ListedAnywhereAsync(client, id));

        await app.WithDbAsync(async db =>
        {
            var position = await db.Positions.SingleAsync(p => p.Id == id);
            position.Status = PositionStatus.Closed;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/kiosk/positions/" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/kiosk/positions/{id}/qr.svg")).StatusCode);
        Assert.False(await ListedAnywhereAsync(client, id));
    }

    [Fact]
    public async Task A_position_closed_by_another_process_is_gone_within_the_check_interval()
    {
        await app.WaitForIndexesAsync();
        var id = (await OpenIdsAsync(1, 1))[0];
        var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kiosk/positions/" + id)).StatusCode);

        // A context of its own on the same file, as the CLI opens it: no signal reaches this host.
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataOptions>>().Value.ConnectionString).Options;
        await using (var other = new SqliteAppDbContext(options))
        {
            var position = await other.Positions.SingleAsync(p => p.Id == id);
            position.Status = PositionStatus.Closed;
            await other.SaveChangesAsync();
        }
        await Task.Delay(KioskSnapshot.CheckInterval * 2);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/kiosk/positions/" + id)).StatusCode);
        Assert.False(await ListedAnywhereAsync(client, id));
    }

    [Fact]
    public async Task Suspending_an_employer_takes_its_positions_off_the_kiosk_at_once()
    {
        await app.WaitForIndexesAsync();
        var id = (await OpenIdsAsync(1, 2))[0];
        var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kiosk/positions/" + id)).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var employer = await db.Employers.SingleAsync(e => e.Positions.Any(p => p.Id == id));
            employer.Status = EmployerStatus.Suspended;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/kiosk/positions/" + id)).StatusCode);
    }

    /// <summary>Whether any results page (every page of the unfiltered list) links to the position.</summary>
    private static async Task<bool> ListedAnywhereAsync(HttpClient client, string id)
    {
        for (var page = 1; page <= 200; page++)
        {
            var html = await client.GetStringAsync($"/kiosk/positions?page={page}");
            if (html.Contains("/kiosk/positions/" + id + "\"", StringComparison.Ordinal))
            {
                return true;
            }
            if (!html.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                return false;
            }
        }
        return false;
    }
}
