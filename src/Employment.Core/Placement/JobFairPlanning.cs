using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Positions;
using Employment.Core.Scheduling;
using Employment.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Employment.Core.Placement;

/// <summary>What one preparation of a fair did.</summary>
public sealed record FairPreparation(JobFair Fair, bool Created, int Seekers, int Positions, int Edges, int Invitations);

/// <summary>A seeker the plan leaves without a place, and why (see <see cref="UnplacedReason"/>).</summary>
public sealed record UnplacedSeeker(string PersonId, UnplacedReason Reason, double? BestScore);

/// <summary>The inputs and both plans for one day, as the fair job and the `employment plan` verb compute them.</summary>
public sealed record PlanComputation(
    IReadOnlyList<PlanSeeker> Seekers, IReadOnlyList<PlanPosition> Positions, IReadOnlyList<PlanEdge> Edges,
    PlacementPlan Plan, PlacementPlan Greedy)
{
    /// <summary>Everyone the plan did not place, in person order.</summary>
    public IReadOnlyList<UnplacedSeeker> Unplaced { get; init; } = [];
}

/// <summary>
/// The quarterly fair (送岗位招聘会): created some days before it is held, employers with open
/// positions invited, seekers pre-matched into a placement plan; marked held on its day. A counselor
/// or admin may create the coming fair earlier as a preview (still <see cref="JobFairStatus.Scheduled"/>)
/// and refresh its plan at any time; the preparation at the lead time plans it for good.
/// </summary>
public sealed class JobFairPlanning(AppDbContext db, MatchingEngine engine, IndexSynchronizer indexes, TimeProvider clock,
    IOptions<ScheduleOptions> options)
{
    public const string Actor = "scheduler";

    public static string QuarterOf(DateOnly day) => $"{day.Year}Q{((day.Month - 1) / 3) + 1}";

    /// <summary>
    /// Creates the fair held on <paramref name="heldOn"/> with its invitations and plan, once: a fair
    /// of that quarter that is already planned is returned as it is; a previewed one is planned afresh.
    /// </summary>
    public Task<FairPreparation> PrepareAsync(DateOnly heldOn, IProgress<int>? progress = null, CancellationToken ct = default) =>
        PlanAsync(heldOn, JobFairStatus.Planned, Actor, progress, ct);

    /// <summary>
    /// The coming fair ahead of its lead time: created (or its preview refreshed) with the plan as it
    /// would be today, still <see cref="JobFairStatus.Scheduled"/>, so the preparation at the lead time
    /// plans it again on that day's people and positions. A fair already planned is left as it is.
    /// </summary>
    public Task<FairPreparation> PreviewAsync(DateOnly heldOn, string actor, CancellationToken ct = default) =>
        PlanAsync(heldOn, JobFairStatus.Scheduled, actor, null, ct);

    private async Task<FairPreparation> PlanAsync(DateOnly heldOn, JobFairStatus status, string actor, IProgress<int>? progress, CancellationToken ct)
    {
        var quarter = QuarterOf(heldOn);
        var existing = await db.JobFairs.Include(f => f.Assignments).Include(f => f.Invitations).Include(f => f.Unplaced)
            .AsSplitQuery().SingleOrDefaultAsync(f => f.Quarter == quarter, ct);
        if (existing is not null && existing.Status != JobFairStatus.Scheduled)
        {
            return new FairPreparation(existing, false, 0, 0, 0, 0);
        }

        // A fair missed while the server was down is planned at start, maybe before the indexer's
        // first pass: the plan must see the whole talent pool and job bank, so bring them current first.
        await indexes.EnsureCurrentAsync(ct);
        var computation = await ComputeAsync(db, engine, heldOn, options.Value.Plan, progress, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var positions = await OpenPositions(db, heldOn).ToListAsync(ct);
        var fair = existing ?? new JobFair { Quarter = quarter, HeldOn = heldOn, CreatedUtc = now };
        if (existing is not null)
        {
            // A preview's plan is replaced whole: its lines were never sent to anyone.
            db.JobFairAssignments.RemoveRange(existing.Assignments);
            db.JobFairInvitations.RemoveRange(existing.Invitations);
            db.JobFairUnplaced.RemoveRange(existing.Unplaced);
        }
        fair.HeldOn = heldOn;
        fair.Status = status;
        fair.PlannedUtc = now;
        fair.PlanValue = computation.Plan.Value;
        fair.GreedyValue = computation.Greedy.Value;
        fair.MinScore = options.Value.Plan.MinScore;
        var division = computation.Seekers.ToDictionary(s => s.PersonId, s => s.DivisionCode, StringComparer.Ordinal);
        fair.Assignments = computation.Plan.Pairs.Select(p => new JobFairAssignment
        {
            PersonId = p.PersonId,
            PositionId = p.PositionId,
            Score = p.Score,
            DivisionCode = division.GetValueOrDefault(p.PersonId),
        }).ToList();
        fair.Unplaced = computation.Unplaced.Select(u => new JobFairUnplaced
        {
            PersonId = u.PersonId,
            DivisionCode = division.GetValueOrDefault(u.PersonId),
            Reason = u.Reason,
            BestScore = u.BestScore,
        }).ToList();
        fair.Invitations = positions.GroupBy(p => p.EmployerId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new JobFairInvitation { EmployerId = g.Key, OpenPlaces = g.Sum(p => p.Headcount - p.Filled), InvitedUtc = now })
            .ToList();
        if (existing is null)
        {
            db.JobFairs.Add(fair);
        }
        new AuditTrail(db, clock).Add(actor, status == JobFairStatus.Planned ? "fair.planned" : "fair.previewed", "JobFair", quarter,
            AuditDetail.Of(AuditDetails.FairPlan, heldOn, fair.Assignments.Count, fair.Unplaced.Count(u => u.Reason == UnplacedReason.NoSuitablePosition), fair.Invitations.Count));
        // One save: the fair, its plan and its invitations are there together or not at all.
        await db.SaveChangesAsync(ct);
        return new FairPreparation(fair, existing is null || status == JobFairStatus.Planned, computation.Seekers.Count, computation.Positions.Count, computation.Edges.Count, fair.Invitations.Count);
    }

    /// <summary>The fair's day: prepared now if it was not (the server was down all the lead time), then held.</summary>
    public async Task<JobFair> MarkHeldAsync(DateOnly heldOn, CancellationToken ct = default)
    {
        var fair = (await PrepareAsync(heldOn, null, ct)).Fair;
        if (fair.Status == JobFairStatus.Planned)
        {
            fair.Status = JobFairStatus.Held;
            fair.HeldUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        return fair;
    }

    /// <summary>
    /// Seekers (not employed, able to work, not inactive), open positions on the day, the engine's
    /// top candidates per seeker as the plan's pairs, and both plans over them.
    /// </summary>
    public static async Task<PlanComputation> ComputeAsync(AppDbContext db, MatchingEngine engine, DateOnly asOf, FairPlanOptions plan,
        IProgress<int>? progress, CancellationToken ct)
    {
        var inactive = await db.Persons.AsNoTracking().Where(p => p.Status == PersonStatus.Inactive).Select(p => p.Id).ToListAsync(ct);
        var skip = inactive.ToHashSet(StringComparer.Ordinal);
        var profiles = (await ProfileLoader.SeekersAsync(db, null, ct))
            .Where(s => HardRules.SeekerAvailable(s) && !skip.Contains(s.Id))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        var positions = await OpenPositions(db, asOf)
            .Select(p => new PlanPosition(p.Id, p.Headcount - p.Filled))
            .ToListAsync(ct);
        var lines = await ProfileLoader.LinesAsync(db, ct);
        var request = new MatchRequest { Top = plan.CandidatesPerPerson, AsOf = asOf, Lines = lines };
        var open = positions.Select(p => p.PositionId).ToHashSet(StringComparer.Ordinal);
        var edges = new List<PlanEdge>();
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        var seekers = new List<PlanSeeker>(profiles.Count);
        for (var i = 0; i < profiles.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var s = profiles[i];
            seekers.Add(new PlanSeeker(s.Id, plan.WeightOf(s.Household.Category, s.Household.ZeroEmployment), s.DivisionCode));
            foreach (var match in engine.PositionsFor(s, request).Where(m => open.Contains(m.Id)))
            {
                best[s.Id] = Math.Max(best.GetValueOrDefault(s.Id), match.Score);
                // Below the quality floor a pair is no placement, only a filled seat: neither plan may use it.
                if (match.Score >= plan.MinScore)
                {
                    edges.Add(new PlanEdge(s.Id, match.Id, match.Score));
                }
            }
            if (progress is not null && (i % 50 == 0 || i == profiles.Count - 1))
            {
                progress.Report((int)(100L * (i + 1) / profiles.Count));
            }
        }
        var optimal = PlacementPlanner.Optimal(seekers, positions, edges);
        var placed = optimal.Pairs.Select(p => p.PersonId).ToHashSet(StringComparer.Ordinal);
        var suitable = edges.Select(e => e.PersonId).ToHashSet(StringComparer.Ordinal);
        var unplaced = seekers.Where(s => !placed.Contains(s.PersonId))
            .Select(s => new UnplacedSeeker(s.PersonId,
                suitable.Contains(s.PersonId) ? UnplacedReason.PlacesTaken : UnplacedReason.NoSuitablePosition,
                best.TryGetValue(s.PersonId, out var score) ? score : null))
            .ToList();
        return new PlanComputation(seekers, positions, edges, optimal, PlacementPlanner.Greedy(seekers, positions, edges)) { Unplaced = unplaced };
    }

    private static IQueryable<Position> OpenPositions(AppDbContext db, DateOnly asOf) =>
        db.Positions.AsNoTracking().ListedOn(asOf).OrderBy(p => p.Id);
}
