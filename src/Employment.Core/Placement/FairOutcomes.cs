using Employment.Core.Data;
using Employment.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Placement;

/// <summary>What a counselor records for one line of a fair's plan: attended, hired (and from when), a note.</summary>
public sealed record FairOutcomeInput(long AssignmentId, bool? Attended, bool? Hired, DateOnly? StartedOn, string? Outcome);

/// <summary>What a recording did: lines saved, hires made, and each refused hire with the refusal.</summary>
public sealed record FairOutcomeResult(int Saved, int Hired, IReadOnlyList<(string PersonId, RefusalException Refusal)> Refused);

/// <summary>
/// The outcomes of a held fair. A hire goes through <see cref="PlacementWorkflow.HireAsync"/>, whose one
/// save carries the line's outcome too; a refused hire leaves the line's other answers saved.
/// </summary>
public sealed class FairOutcomes(AppDbContext db, AuditTrail audit, PlacementWorkflow workflow)
{
    /// <summary>
    /// Records <paramref name="inputs"/> for the lines of fair <paramref name="fairId"/> that
    /// <paramref name="inArea"/> lets the actor touch (ids from a form are not trusted). The same
    /// hire sent twice at once (a double click, two counselors) makes one placement: the later
    /// save fails on the person's version, and the retry finds the line already hired.
    /// </summary>
    public async Task<FairOutcomeResult> RecordAsync(long fairId, IReadOnlyList<FairOutcomeInput> inputs, Func<string?, bool> inArea,
        string actor, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordOnceAsync(fairId, inputs, inArea, actor, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<FairOutcomeResult> RecordOnceAsync(long fairId, IReadOnlyList<FairOutcomeInput> inputs, Func<string?, bool> inArea,
        string actor, CancellationToken ct)
    {
        var fair = await db.JobFairs.AsNoTracking().FirstAsync(f => f.Id == fairId, ct);
        var ids = inputs.Select(o => o.AssignmentId).ToList();
        var lines = (await db.JobFairAssignments.Where(a => a.JobFairId == fairId && ids.Contains(a.Id)).ToListAsync(ct))
            .Where(a => inArea(a.DivisionCode))
            .ToDictionary(a => a.Id);
        int saved = 0, hired = 0;
        var refused = new List<(string, RefusalException)>();
        foreach (var input in inputs)
        {
            if (!lines.TryGetValue(input.AssignmentId, out var line))
            {
                continue;
            }
            line.Attended = input.Attended ?? (input.Hired == true ? true : line.Attended);
            line.Outcome = string.IsNullOrWhiteSpace(input.Outcome) ? line.Outcome : input.Outcome.Trim();
            if (input.Hired == true && line.Hired != true)
            {
                line.Hired = true;
                try
                {
                    await workflow.HireAsync(new HireRequest(line.PersonId, line.PositionId, PlacementChannel.Fair, input.StartedOn ?? fair.HeldOn),
                        actor, ct);
                    hired++;
                }
                catch (RefusalException ex)
                {
                    // Whatever the refused hire had begun to change stays unsaved; this line's outcome is kept.
                    foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not JobFairAssignment && e.State != EntityState.Unchanged).ToList())
                    {
                        entry.State = EntityState.Detached;
                    }
                    // The same hire recorded at the same moment by another request: it stands, nothing is refused.
                    await db.Entry(line).ReloadAsync(ct);
                    if (line.Hired == true)
                    {
                        saved++;
                        continue;
                    }
                    line.Attended = input.Attended ?? line.Attended;
                    line.Outcome = string.IsNullOrWhiteSpace(input.Outcome) ? line.Outcome : input.Outcome.Trim();
                    refused.Add((line.PersonId, ex));
                    continue;
                }
            }
            else if (input.Hired == false && line.Hired != true)
            {
                line.Hired = false;
            }
            saved++;
        }
        audit.Add(actor, "fair.outcomes", "JobFair", fair.Quarter, AuditDetail.Of(AuditDetails.FairOutcomes, saved, hired));
        await db.SaveChangesAsync(ct);
        return new FairOutcomeResult(saved, hired, refused);
    }
}
