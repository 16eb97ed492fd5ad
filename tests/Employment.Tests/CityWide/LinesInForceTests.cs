using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Interchange;
using Employment.Core.Reports;
using Employment.Core.Taxonomy;
using Employment.Tests.Infrastructure;
using Employment.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Employment.Tests.CityWide;

/// <summary>
/// A district's lines change and figures and exit checks for a past day keep the lines then in
/// force. The example district (lines 500/750; income per head H-1 400, H-2 850, H-3 650) is
/// registered on 2026-03-01; on 2026-11-15 its lines go up to 600/900, so H-2 (850) was past the
/// edge line in the third quarter and is not any more.
/// </summary>
[BothStores]
public sealed class LinesInForceTests : IAsyncDisposable
{
    private static readonly DateOnly Registered = new(2026, 3, 1);
    private static readonly DateOnly Raised = new(2026, 11, 15);
    private readonly TempDir _dir = new("employment-lines");
    private readonly ServiceProvider _services;
    private readonly FixedClock _clock = FixedClock.On(Registered);

    public LinesInForceTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestStore.Settings(_dir.Path)).Build();
        _services = new ServiceCollection().AddLogging().AddEmploymentData(configuration).BuildServiceProvider();
    }

    private static Dataset Example(decimal dibao = 500, decimal edge = 750)
    {
        var dataset = DatasetReader.ReadFile(TestData.ExampleDataset, Taxonomy.Embedded, Registered).EnsureValid();
        dataset.Region.DibaoLine = dibao;
        dataset.Region.EdgeLine = edge;
        return dataset;
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task MigrateAsync() => WithDbAsync(async db =>
    {
        await new DatabaseInitializer(db, _services.GetRequiredService<IOptions<DataOptions>>()).MigrateAsync();
        return 0;
    });

    private Task ImportAsync(Dataset dataset) => WithDbAsync(db => new DatasetImporter(db, _clock).ImportAsync(dataset));

    private Task<OutcomeReport> ReportAsync(string quarter) =>
        WithDbAsync(db => new OutcomeReports(db, _clock, Options.Create(new OutcomeOptions())).ForQuarterAsync(Quarter.Parse(quarter)));

    private async Task RegisteredThenRaisedAsync()
    {
        await MigrateAsync();
        await ImportAsync(Example());
        // H-2 (850 a head) became a candidate in August under 500/750, as a placement's reassessment records it.
        await WithDbAsync(async db =>
        {
            var h2 = await db.Households.SingleAsync(h => h.Id == "H-2");
            h2.ExitStatus = ExitStatus.Candidate;
            h2.ExitCandidateSinceUtc = new DateTime(2026, 8, 1, 0, 0, 0, DateTimeKind.Utc);
            return await db.SaveChangesAsync();
        });
        _clock.Now = new DateTimeOffset(Raised.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
        // The same register with the city's new lines: the old ones become history.
        await ImportAsync(Example(600, 900));
    }

    [Fact]
    public async Task A_past_quarter_uses_the_lines_then_in_force_after_the_lines_change()
    {
        await RegisteredThenRaisedAsync();

        var third = await ReportAsync("2026Q3");
        var fourth = await ReportAsync("2026Q4");

        Assert.Equal(new DateOnly(2026, 9, 30), third.AsOf);
        Assert.Equal(500m, third.District.DibaoLine);
        Assert.Equal(750m, third.District.EdgeLine);
        Assert.Equal(1, third.District.ExitCandidates);
        Assert.Equal(600m, fourth.District.DibaoLine);
        Assert.Equal(900m, fourth.District.EdgeLine);
        Assert.Equal(0, fourth.District.ExitCandidates);
        Assert.Contains("\"edgeLine\": 750", ReportJson.ToString(third, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_line_history_travels_in_the_export_and_back()
    {
        await RegisteredThenRaisedAsync();

        var exported = await WithDbAsync(db => new DatasetExporter(db).ExportAsync("510104"));
        var json = DatasetWriter.ToJson(exported);
        Assert.Equal(Raised, exported.Region.LinesFrom);
        var entry = Assert.Single(exported.Region.LineHistory);
        Assert.Equal((500m, 750m), (entry.DibaoLine, entry.EdgeLine));
        Assert.Contains("\"lineHistory\"", json);

        // Read back from the file as written: the same lines on every day.
        var read = DatasetReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), Taxonomy.Embedded, Raised).EnsureValid();
        Assert.Equal(Raised, read.Region.LinesFrom);
        Assert.Equal(exported.Region.LineHistory.Select(h => (h.From, h.DibaoLine, h.EdgeLine)), read.Region.LineHistory.Select(h => (h.From, h.DibaoLine, h.EdgeLine)));
        // Re-importing the export changes nothing (no new history entry, same lines from the same day).
        await ImportAsync(read);
        var again = await WithDbAsync(db => new DatasetExporter(db).ExportAsync("510104"));
        Assert.Equal(json, DatasetWriter.ToJson(again));
    }

    [Fact]
    public async Task A_file_with_a_line_history_says_which_lines_held_on_every_day()
    {
        await MigrateAsync();
        var dataset = Example();
        dataset.Region.LinesFrom = new DateOnly(2026, 7, 1);
        dataset.Region.LineHistory = [new LineRecord { From = new DateOnly(2025, 1, 1), DibaoLine = 450, EdgeLine = 700 },
            new LineRecord { From = new DateOnly(2026, 1, 1), DibaoLine = 480, EdgeLine = 720 }];
        await ImportAsync(dataset);

        var region = await WithDbAsync(db => db.Regions.TheDistrict().OnAsync(new DateOnly(2026, 3, 31)));
        var lines = await WithDbAsync(async db => (await DistrictBook.LoadAsync(db)).First!);

        Assert.Equal(480m, region!.DibaoLine);
        Assert.Equal(new LinesInForce(450, 700), DistrictLines.On(lines, new DateOnly(2024, 6, 1)));
        Assert.Equal(new LinesInForce(450, 700), DistrictLines.On(lines, new DateOnly(2025, 12, 31)));
        Assert.Equal(new LinesInForce(480, 720), DistrictLines.On(lines, new DateOnly(2026, 6, 30)));
        Assert.Equal(new LinesInForce(500, 750), DistrictLines.On(lines, new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public async Task A_member_added_in_the_second_district_is_classed_by_that_districts_lines()
    {
        await MigrateAsync();
        // H-1 as a household of one on 1,200 a month; a second member makes it 600 a head: an edge
        // household under 锦江区's 500/750, above the edge line under 青羊区's 100/200.
        var first = Example();
        first.Households[0].Size = 1;
        await ImportAsync(first);
        var second = Example(100, 200);
        second.Households[0].Size = 1;
        second.Region.DivisionCode = "510105";
        second.Region.Name = "成都市青羊区";
        await ImportAsync(second);

        foreach (var id in new[] { "H-1", "510105~H-1" })
        {
            await WithDbAsync(db => new TalentPoolRegister(db, new AuditTrail(db, _clock), _clock)
                .AddMemberAsync(id, new MemberInput { Name = "新成员", Age = 30, LaborCapacity = LaborCapacity.Full }, "迁入", "tester"));
        }

        var households = await WithDbAsync(db => db.Households.AsNoTracking().Where(h => h.Id == "H-1" || h.Id == "510105~H-1").ToDictionaryAsync(h => h.Id));
        Assert.Equal(2, households["510105~H-1"].Size);
        Assert.Null(households["510105~H-1"].Category);
        Assert.Equal(HouseholdCategory.DibaoEdge, households["H-1"].Category);
    }

    [Fact]
    public async Task An_exit_is_checked_against_and_records_the_lines_of_the_day_it_is_verified_for()
    {
        await RegisteredThenRaisedAsync();
        // H-2 became a candidate under the old lines (850 a head against 750).
        await WithDbAsync(async db =>
        {
            var h2 = await db.Households.SingleAsync(h => h.Id == "H-2");
            h2.ExitStatus = ExitStatus.Candidate;
            h2.ExitCandidateSinceUtc = new DateTime(2026, 8, 1, 0, 0, 0, DateTimeKind.Utc);
            return await db.SaveChangesAsync();
        });
        HouseholdExits Exits(AppDbContext db) => new(db, new AuditTrail(db, _clock), _clock, Options.Create(new OutcomeOptions()));

        var today = await Assert.ThrowsAsync<Employment.Core.Domain.RefusalException>(() =>
            WithDbAsync(db => Exits(db).VerifyAsync("H-2", Raised, "入户核实", "counselor-a")));
        var september = await WithDbAsync(db => Exits(db).VerifyAsync("H-2", new DateOnly(2026, 9, 1), "入户核实", "counselor-a"));

        Assert.Equal("verifiedOn", today.Field);
        Assert.Equal(Employment.Core.Domain.RefusalCodes.BelowLineInForce, today.Code);
        Assert.Equal(900m, today.Arguments[1]);
        Assert.Equal((500m, 750m), (september.DibaoLine, september.EdgeLine));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _dir.Dispose();
    }
}
