using System.Net;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Interchange;
using Employment.Core.Taxonomy;
using Employment.Tests.Infrastructure;
using Employment.Tests.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.CityWide;

/// <summary>
/// The lines change the way an administrator changes them (the Lines page over HTTP, which
/// reassesses every household), and `employment report` on the same SQLite file still judges a
/// past quarter by the lines then in force. The example district is registered on 2026-03-01 with
/// lines 500/800; on 2026-08-01 the administrator sets 500/750, which makes H-2 (850 a head) an exit
/// candidate; on 2026-11-15 the city's new lines 600/900 end that candidacy.
/// </summary>
[BothStores]
public sealed class LinesChangedOnThePageTests : IAsyncDisposable
{
    private sealed class ClockedApp : AppFactory
    {
        public ClockedApp() : base(demo: false)
        {
        }

        public FixedClock Clock { get; } = FixedClock.On(new DateOnly(2026, 3, 1));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    private readonly ClockedApp _app = new();

    private void On(int month, int day) => _app.Clock.Now = new DateTimeOffset(2026, month, day, 4, 0, 0, TimeSpan.Zero);

    private static async Task<HttpResponseMessage> SetLinesAsync(HttpClient admin, string dibao, string edge) =>
        await admin.PostFormAsync("/Admin/Lines", new() { ["Input.DibaoLine"] = dibao, ["Input.EdgeLine"] = edge });

    private async Task<JsonElement> ReportAsync(string quarter)
    {
        var result = await CliRunner.RunAsync("report", "--quarter", quarter, "--format", "json", "--DataDir", _app.DataDir);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return JsonDocument.Parse(result.StdOut).RootElement.Clone();
    }

    [Fact]
    public async Task A_past_quarter_keeps_the_candidates_and_lines_of_its_day_after_the_administrator_raises_the_lines()
    {
        await _app.WithDbAsync(async db =>
        {
            var dataset = DatasetReader.ReadFile(TestData.ExampleDataset, Taxonomy.Embedded, new DateOnly(2026, 3, 1)).EnsureValid();
            dataset.Region.EdgeLine = 800;
            return await new DatasetImporter(db, _app.Clock).ImportAsync(dataset);
        });
        var account = await _app.CreateAccountAsync(Roles.Admin);

        // A session lasts 12 hours: the administrator signs in on each day they work.
        On(8, 1);
        var admin = await _app.SignInAsync(account);
        Assert.Equal(HttpStatusCode.Redirect, (await SetLinesAsync(admin, "500", "750")).StatusCode);
        Assert.Equal(ExitStatus.Candidate, await _app.WithDbAsync(db => db.Households.Where(h => h.Id == "H-2").Select(h => h.ExitStatus).SingleAsync()));
        On(11, 15);
        admin = await _app.SignInAsync(account);
        Assert.Equal(HttpStatusCode.Redirect, (await SetLinesAsync(admin, "600", "900")).StatusCode);
        Assert.Equal(ExitStatus.None, await _app.WithDbAsync(db => db.Households.Where(h => h.Id == "H-2").Select(h => h.ExitStatus).SingleAsync()));

        var second = await ReportAsync("2026Q2");
        var third = await ReportAsync("2026Q3");
        var fourth = await ReportAsync("2026Q4");

        // Q2 (to 06-30): lines 500/800, and H-2 was no candidate yet.
        Assert.Equal(800m, second.GetProperty("lines").GetProperty("edgeLine").GetDecimal());
        Assert.Equal(0, second.GetProperty("exitCandidates").GetInt32());
        // Q3 (to 09-30): lines 500/750 then, and H-2 a candidate under them.
        Assert.Equal(750m, third.GetProperty("lines").GetProperty("edgeLine").GetDecimal());
        Assert.Equal(500m, third.GetProperty("lines").GetProperty("dibaoLine").GetDecimal());
        Assert.Equal(1, third.GetProperty("exitCandidates").GetInt32());
        // Q4 (to today): the new lines, under which H-2 is no candidate.
        Assert.Equal(900m, fourth.GetProperty("lines").GetProperty("edgeLine").GetDecimal());
        Assert.Equal(0, fourth.GetProperty("exitCandidates").GetInt32());

        // The page shows the history it keeps.
        var page = await (await admin.GetAsync("/Admin/Lines")).Content.ReadAsStringAsync();
        Assert.Contains("2026-08-01", page);
        Assert.Contains("2026-11-15", page);
    }

    [Fact]
    public async Task A_changed_record_is_stamped_by_the_district_clock_not_the_machine_clock()
    {
        await _app.WithDbAsync(async db =>
        {
            var dataset = DatasetReader.ReadFile(TestData.ExampleDataset, Taxonomy.Embedded, new DateOnly(2026, 3, 1)).EnsureValid();
            return await new DatasetImporter(db, _app.Clock).ImportAsync(dataset);
        });
        On(8, 1);
        // Nothing here sets UpdatedUtc: the context's own stamp does, from the application's clock.
        var stamped = await _app.WithDbAsync(async db =>
        {
            var position = await db.Positions.OrderBy(p => p.Id).FirstAsync();
            position.Title += "（新）";
            await db.SaveChangesAsync();
            return await db.Positions.AsNoTracking().Where(p => p.Id == position.Id).Select(p => p.UpdatedUtc).SingleAsync();
        });
        Assert.Equal(new DateTime(2026, 8, 1, 4, 0, 0, DateTimeKind.Utc), stamped);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
