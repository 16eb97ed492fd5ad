using Employment.Core.Reports;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Demo;

/// <summary>
/// A year of made-up program history for the demo district, so that the figures, the reports and
/// the big screen have something to show on a first run: registrations spread over the first
/// quarter, then hires, follow-ups (some finding the job lost) and verified exits, each done through
/// the real <see cref="PlacementWorkflow"/> and <see cref="HouseholdExits"/> on a clock stepped to the
/// day it happened. Opt-in (Seed:DemoHistory), fixed seed, and only into a database with no placements.
/// </summary>
public sealed class DemoHistory(AppDbContext db, TimeProvider clock, IOptions<OutcomeOptions> options)
{
    public const string Actor = "demo-history";

    private enum Step { Hire, FollowUp, Verify }

    private sealed record Event(DateOnly On, Step Step, long Id = 0, string? HouseholdId = null);

    /// <returns>The number of placements made; 0 when the database already had some.</returns>
    public async Task<int> SeedAsync(int quarters = 4, CancellationToken cancellationToken = default)
    {
        if (await db.Placements.AnyAsync(cancellationToken) || !await db.Households.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var today = clock.Today();
        var periods = Quarter.Of(today).LastQuarters(quarters);
        var rng = new Random(20261201);

        // Registrations over the first ten weeks of the first quarter: the program's start.
        var households = await db.Households.Include(h => h.Members).OrderBy(h => h.Id).ToListAsync(cancellationToken);
        foreach (var h in households)
        {
            var registered = periods[0].FirstDay.AddDays(rng.Next(0, 70)).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
            h.RegisteredUtc = registered;
            foreach (var m in h.Members)
            {
                m.RegisteredUtc = registered;
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        var stepped = new SteppedClock(clock.GetUtcNow());
        var trail = new AuditTrail(db, stepped);
        var workflow = new PlacementWorkflow(db, trail, stepped, new PublicWelfareBudget(db, stepped, Microsoft.Extensions.Options.Options.Create(new PublicWelfareOptions())));
        var exits = new HouseholdExits(db, trail, stepped, options);
        var queue = new PriorityQueue<Event, (DateOnly, int)>();
        var order = 0;
        void Add(Event e) => queue.Enqueue(e, (e.On, order++));
        for (var i = 0; i < periods.Count; i++)
        {
            var last = periods[i].LastDay < today ? periods[i].LastDay : today.AddDays(-1);
            var span = last.DayNumber - periods[i].FirstDay.DayNumber;
            if (span < 0)
            {
                continue;
            }
            // More hires each quarter, as a program finds its feet.
            for (var n = 24 + 8 * i; n > 0; n--)
            {
                Add(new Event(periods[i].FirstDay.AddDays(rng.Next(0, span + 1)), Step.Hire));
            }
        }

        var placed = 0;
        while (queue.TryDequeue(out var e, out _))
        {
            stepped.Set(e.On.ToDateTime(new TimeOnly(2, 30), DateTimeKind.Utc));
            switch (e.Step)
            {
                case Step.Hire:
                    var placement = await HireOneAsync(workflow, e.On, rng, cancellationToken);
                    if (placement is null)
                    {
                        break;
                    }
                    placed++;
                    foreach (var f in placement.FollowUps)
                    {
                        // Most visits within a few days of the due date, some late.
                        var done = f.DueOn.AddDays(rng.NextDouble() < 0.8 ? rng.Next(-3, 6) : rng.Next(8, 20));
                        if (done < today)
                        {
                            Add(new Event(done, Step.FollowUp, f.Id));
                        }
                    }
                    var household = await db.Households.FirstAsync(h => h.Id == placement.HouseholdId, cancellationToken);
                    if (household.ExitStatus == ExitStatus.Candidate && rng.NextDouble() < 0.75)
                    {
                        var verify = e.On.AddDays(rng.Next(10, 45));
                        if (verify < today)
                        {
                            Add(new Event(verify, Step.Verify, HouseholdId: household.Id));
                        }
                    }
                    break;
                case Step.FollowUp:
                    var followUp = await db.FollowUps.Include(f => f.Placement).FirstAsync(f => f.Id == e.Id, cancellationToken);
                    if (followUp.Placement!.Status == PlacementStatus.Ended || followUp.DoneUtc is not null)
                    {
                        break;
                    }
                    await workflow.RecordFollowUpAsync(e.Id, new FollowUpOutcome(rng.NextDouble() >= 0.1, null, null), Actor, cancellationToken);
                    break;
                case Step.Verify:
                    var candidate = await db.Households.AsNoTracking().FirstAsync(h => h.Id == e.HouseholdId, cancellationToken);
                    if (candidate.ExitStatus == ExitStatus.Candidate)
                    {
                        await exits.VerifyAsync(candidate.Id, e.On, "入户核实：工资收入稳定，人均收入已超过低保边缘线。", Actor, cancellationToken);
                    }
                    break;
            }
        }
        return placed;
    }

    private async Task<Core.Placement.Placement?> HireOneAsync(PlacementWorkflow workflow, DateOnly on, Random rng, CancellationToken ct)
    {
        var registeredBy = on.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var people = await db.Persons.AsNoTracking()
            .Where(p => !p.Employed && p.LaborCapacity != LaborCapacity.None && p.RegisteredUtc <= registeredBy
                && (p.Status == PersonStatus.Registered || p.Status == PersonStatus.Seeking))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var positions = await db.Positions.AsNoTracking().ListedOn(on)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        if (people.Count == 0 || positions.Count == 0)
        {
            return null;
        }
        var roll = rng.NextDouble();
        var channel = roll < 0.4 ? PlacementChannel.Fair : roll < 0.85 ? PlacementChannel.Referral : PlacementChannel.Kiosk;
        try
        {
            return await workflow.HireAsync(new HireRequest(people[rng.Next(people.Count)], positions[rng.Next(positions.Count)], channel, on), Actor, ct);
        }
        catch (RefusalException)
        {
            return null;
        }
    }

    /// <summary>A clock the history sets to each event's day, so every timestamp the workflow writes fits the story.</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(DateTime utc) => _now = new DateTimeOffset(utc, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
