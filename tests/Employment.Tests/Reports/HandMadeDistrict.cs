using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Core.Reports;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Employment.Tests.Reports;

/// <summary>A clock that says what the test wants it to.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public static FixedClock On(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero));
}

/// <summary>
/// A district small enough to count by hand, in a real SQLite file under a temp folder. Streets
/// 锦官驿 (510104017) and 东湖 (510104018) come from the real division seed; one community row under
/// 东湖 tests the parent mapping, a community code without a row under 锦官驿 tests the prefix one.
/// Today is 2026-11-15 (2026Q4 runs, as of today). The expected figures are worked out in
/// <see cref="OutcomeFigureTests"/> next to each assertion.
/// </summary>
public sealed class HandMadeDistrict : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2026, 11, 15);
    public const string Jinguanyi = "510104017";
    public const string Donghu = "510104018";
    public const string DonghuCommunity = "510104018001";
    public const string PersonIdNumber = "11010519491231002X";

    private readonly TempDir _dir = new("employment-reports");
    private readonly ServiceProvider _services;

    private HandMadeDistrict()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestStore.Settings(_dir.Path)).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEmploymentData(configuration);
        _services = services.BuildServiceProvider();
    }

    public FixedClock Clock { get; } = FixedClock.On(Today);

    public static async Task<HandMadeDistrict> CreateAsync(bool withData = true)
    {
        var district = new HandMadeDistrict();
        await using var scope = district._services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<Core.Interchange.DemoSeeder>().SeedDivisionsAsync();
        await SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), withData);
        return district;
    }

    /// <summary>
    /// The lines, a community row, an employer with two positions and (withData) the households of the
    /// district, into any database that has the division seed: this one's, or a web host's.
    /// </summary>
    public static async Task SeedAsync(AppDbContext db, bool withData = true)
    {
        if (!await db.Regions.AnyAsync())
        {
            db.Regions.Add(new Region { Name = "成都市锦江区", DivisionCode = "510104", DibaoLine = 1000, EdgeLine = 1500 });
        }
        db.Divisions.Add(new Division { Code = DonghuCommunity, Name = "东湖某社区", ParentCode = Donghu, Level = DivisionLevel.Community });
        db.Employers.Add(new Employment.Core.Positions.Employer { Id = "E-1", Name = "锦江区城市管理局" });
        db.Positions.Add(new Position { Id = "P-CLEAN", Title = "保洁", EmployerId = "E-1", MonthlyWage = 2000, Headcount = 10, PublicWelfare = true, Status = PositionStatus.Open });
        db.Positions.Add(new Position { Id = "P-SHOP", Title = "超市理货", EmployerId = "E-1", MonthlyWage = 3000, Headcount = 10, Status = PositionStatus.Open });
        await db.SaveChangesAsync();
        if (withData)
        {
            await FillAsync(db);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task<OutcomeReport> ReportAsync(Quarter quarter, OutcomeOptions? options = null) =>
        WithDbAsync(db => new OutcomeReports(db, Clock, Options.Create(options ?? new OutcomeOptions())).ForQuarterAsync(quarter));

    public Task<T> WithExitsAsync<T>(Func<HouseholdExits, AppDbContext, Task<T>> work) =>
        WithDbAsync(db => work(new HouseholdExits(db, new AuditTrail(db, Clock), Clock, Options.Create(new OutcomeOptions())), db));

    public Task<T> WithWorkflowAsync<T>(Func<PlacementWorkflow, Task<T>> work) =>
        WithDbAsync(db => work(new PlacementWorkflow(db, new AuditTrail(db, Clock), Clock,
            new PublicWelfareBudget(db, Clock, Microsoft.Extensions.Options.Options.Create(new PublicWelfareOptions())))));

    public static DateTime Utc(int year, int month, int day) => new(year, month, day, 3, 0, 0, DateTimeKind.Utc);

    public static Household AHousehold(string id, HouseholdCategory category, string? division, int size, decimal income, DateTime registered) => new()
    {
        Id = id, Category = category, DivisionCode = division, Size = size, MonthlyIncome = income, RegisteredUtc = registered, UpdatedUtc = registered,
    };

    public static Person APerson(string id, string household, DateTime registered, LaborCapacity capacity = LaborCapacity.Full, bool employed = false) => new()
    {
        Id = id, HouseholdId = household, Name = "测试" + id, IdNumber = null, Age = 40, LaborCapacity = capacity, Employed = employed,
        RegisteredUtc = registered, UpdatedUtc = registered, Status = employed ? PersonStatus.Placed : PersonStatus.Seeking,
    };

    public static Core.Placement.Placement APlacement(string person, string household, HouseholdCategory category, PlacementChannel channel,
        DateOnly started, DateOnly? ended = null, bool publicWelfare = false) => new()
    {
        PersonId = person, PositionId = publicWelfare ? "P-CLEAN" : "P-SHOP", HouseholdId = household, HouseholdCategory = category,
        PublicWelfare = publicWelfare, Channel = channel, MonthlyWage = publicWelfare ? 2000 : 3000, StartedOn = started, EndedOn = ended,
        Status = ended is null ? PlacementStatus.Active : PlacementStatus.Ended, CreatedUtc = started.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
    };

    private static FollowUp AFollowUp(int months, DateOnly due, DateOnly? done = null) => new()
    {
        MonthsAfter = months, DueOn = due, DoneUtc = done?.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc), StillEmployed = done is null ? null : true,
    };

    private static async Task FillAsync(AppDbContext db)
    {
        // H1: dibao, one person, in 锦官驿 by a community code with no row; placed 2026-10-20 (fair, public welfare).
        db.Households.Add(AHousehold("H1", HouseholdCategory.Dibao, "510104017005", 1, 2000, Utc(2026, 1, 10)));
        var p1Person = APerson("P1", "H1", Utc(2026, 1, 10), employed: true);
        // A made-up but valid resident ID (GB 11643 check digit), so tests can look for it where it must not be.
        p1Person.IdNumber = PersonIdNumber;
        db.Persons.Add(p1Person);
        var p1 = APlacement("P1", "H1", HouseholdCategory.Dibao, PlacementChannel.Fair, new DateOnly(2026, 10, 20), publicWelfare: true);
        p1.FollowUps.Add(AFollowUp(1, new DateOnly(2026, 11, 20)));            // not yet due + grace: not counted
        p1.FollowUps.Add(AFollowUp(0, new DateOnly(2026, 11, 1)));             // overdue past the grace days: due, late
        db.Placements.Add(p1);

        // H2: dibao, two people, in 东湖 by the community row; P2 placed in Q3 and the job ended 2026-10-10; P3 cannot work.
        db.Households.Add(AHousehold("H2", HouseholdCategory.Dibao, DonghuCommunity, 2, 800, Utc(2026, 2, 1)));
        db.Persons.Add(APerson("P2", "H2", Utc(2026, 2, 1)));
        db.Persons.Add(APerson("P3", "H2", Utc(2026, 2, 1), LaborCapacity.None));
        var p2 = APlacement("P2", "H2", HouseholdCategory.Dibao, PlacementChannel.Referral, new DateOnly(2026, 8, 1), new DateOnly(2026, 10, 10));
        p2.FollowUps.Add(AFollowUp(1, new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 5)));   // Q3, on time
        p2.FollowUps.Add(AFollowUp(3, new DateOnly(2026, 11, 1)));                             // the job had ended: not counted
        db.Placements.Add(p2);

        // H3: dibao, three people, in 锦官驿 by the street code itself; works outside the program; exit verified 2026-10-05.
        db.Households.Add(AHousehold("H3", HouseholdCategory.Dibao, Jinguanyi, 3, 4800, Utc(2026, 3, 1)));
        db.Persons.Add(APerson("P4", "H3", Utc(2026, 3, 1), employed: true));
        db.HouseholdExits.Add(AnExit("H3", new DateOnly(2026, 10, 5)));

        // H4: expenditure-poor, in 东湖; placed 2026-07-01, exit verified 2026-07-15, the job lost 2026-10-25 and the exit revoked.
        db.Households.Add(AHousehold("H4", HouseholdCategory.Expenditure, Donghu, 2, 1000, Utc(2026, 3, 1)));
        db.Persons.Add(APerson("P5", "H4", Utc(2026, 3, 1)));
        var p5 = APlacement("P5", "H4", HouseholdCategory.Expenditure, PlacementChannel.Referral, new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 25));
        p5.FollowUps.Add(AFollowUp(1, new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 15)));   // Q3, 14 days late
        p5.FollowUps.Add(AFollowUp(3, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 6)));  // Q4, within the grace days
        db.Placements.Add(p5);
        var revoked = AnExit("H4", new DateOnly(2026, 7, 15));
        revoked.RevokedOn = new DateOnly(2026, 10, 25);
        revoked.RevokedReason = "job lost";
        db.HouseholdExits.Add(revoked);

        // H5: dibao, registered in the quarter, placed 2026-11-01 through a kiosk; 3000 for two = 1500 a head, exactly the edge line.
        var h5 = AHousehold("H5", HouseholdCategory.Dibao, Jinguanyi, 2, 3000, Utc(2026, 10, 15));
        db.Households.Add(h5);
        db.Persons.Add(APerson("P6", "H5", Utc(2026, 10, 15), LaborCapacity.Partial, employed: true));
        db.Placements.Add(APlacement("P6", "H5", HouseholdCategory.Dibao, PlacementChannel.Kiosk, new DateOnly(2026, 11, 1)));
        HouseholdStanding.ReassessExit(h5, await db.Regions.FirstAsync(), Utc(2026, 11, 1));

        // H6: extreme poverty, one person who cannot work: never zero-employment.
        db.Households.Add(AHousehold("H6", HouseholdCategory.Extreme, Donghu, 1, 0, Utc(2026, 1, 5)));
        db.Persons.Add(APerson("P7", "H6", Utc(2026, 1, 5), LaborCapacity.None));

        // H7: dibao, one person, no division code: counted for the district only.
        db.Households.Add(AHousehold("H7", HouseholdCategory.Dibao, null, 1, 500, Utc(2026, 1, 1)));
        db.Persons.Add(APerson("P8", "H7", Utc(2026, 1, 1)));

        // Exited households carry the status the exits give them.
        await db.SaveChangesAsync();
        var h3 = await db.Households.FirstAsync(h => h.Id == "H3");
        h3.ExitStatus = ExitStatus.Exited;
        await db.SaveChangesAsync();
    }

    private static HouseholdExit AnExit(string household, DateOnly verified) => new()
    {
        HouseholdId = household, VerifiedOn = verified, VerifiedBy = "counselor-a", Note = "入户核实", IncomePerHead = 1600, DibaoLine = 1000,
        EdgeLine = 1500, TransitionEndsOn = verified.AddMonths(6), IncentiveEndsOn = verified.AddYears(3),
        CreatedUtc = verified.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _dir.Dispose();
    }
}
