using System.Text.Json;
using System.Text.Json.Serialization;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Interchange;
using Employment.Core.Placement;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Privacy;

/// <summary>
/// Everything the store holds about one person (PIPL art. 45: the right to access and copy): the
/// record, the household facts that concern them, the four-clear ledger, referrals with their
/// history, placements with follow-ups, satisfaction answers, courses, kiosk leads, saved searches,
/// the register's history, and who viewed or changed the record (the audit log). The ID number is
/// masked, as everywhere else; other members of the household are not named.
/// </summary>
public sealed record PersonFile
{
    public const string FormatName = "employment-person-file/1";

    public string Format { get; init; } = FormatName;
    public DateTime GeneratedUtc { get; init; }
    public required PersonPart Person { get; init; }
    public required HouseholdPart Household { get; init; }
    public IReadOnlyList<LedgerPart> Ledger { get; init; } = [];
    public IReadOnlyList<ReferralPart> Referrals { get; init; } = [];
    public IReadOnlyList<PlacementPart> Placements { get; init; } = [];
    public IReadOnlyList<SatisfactionPart> Satisfaction { get; init; } = [];
    public IReadOnlyList<CoursePart> Courses { get; init; } = [];
    public IReadOnlyList<LeadPart> KioskInterest { get; init; } = [];
    public IReadOnlyList<string> SavedSearches { get; init; } = [];
    public IReadOnlyList<ChangePart> History { get; init; } = [];
    public IReadOnlyList<AuditPart> Audit { get; init; } = [];

    public sealed record PersonPart(string Id, string Name, string? IdNumberMasked, int Age, string LaborCapacity, bool Employed,
        string Education, IReadOnlyList<string> Skills, string? DisabilityType, int? DisabilityGrade, IReadOnlyList<string> Limits,
        IReadOnlyList<string> Needs, string? Phone, string? Address, bool HasKioskCard, string Status, DateTime RegisteredUtc, DateTime? ErasedUtc);

    public sealed record HouseholdPart(string Id, string? Category, string? CategoryReason, int Size, decimal MonthlyIncome,
        IReadOnlyList<string> Causes, string? Address, string? DivisionCode, string ExitStatus, DateTime? ArchivedUtc);

    public sealed record LedgerPart(string Section, bool AboutThisPerson, DateOnly RecordedOn, string Author, string Text);

    public sealed record StepPart(string From, string To, DateTime AtUtc, string? Author, string? Reason);

    public sealed record ReferralPart(long Id, string PositionId, string? Title, string? Employer, string Status, bool ConsentRecorded,
        DateTime? ConsentUtc, DateTime CreatedUtc, string? CreatedBy, string? Note, IReadOnlyList<StepPart> Steps);

    public sealed record FollowUpPart(int MonthsAfter, DateOnly DueOn, DateTime? DoneUtc, bool? StillEmployed, decimal? MonthlyWage, string? Note);

    public sealed record PlacementPart(long Id, string PositionId, string? Title, string Channel, decimal MonthlyWage, DateOnly StartedOn,
        DateOnly? EndedOn, string Status, string? EndedReason, IReadOnlyList<FollowUpPart> FollowUps);

    public sealed record SatisfactionPart(long PlacementId, string Source, int Job, int Pay, int Service, string? Remark, DateTime RecordedUtc);

    public sealed record CoursePart(string CourseId, string Status, DateTime EnrolledUtc, DateOnly? CompletedOn);

    public sealed record LeadPart(string PositionId, string Status, DateTime CreatedUtc);

    public sealed record ChangePart(DateTime AtUtc, string Actor, string Field, bool AboutThisPerson, string? Before, string? After, string? Reason);

    /// <summary>An audit entry: <see cref="Detail"/> for entries written as free text, else the code and its values (<see cref="AuditDetail"/>).</summary>
    public sealed record AuditPart(DateTime AtUtc, string Actor, string Action, string Record, string? Detail, string? DetailCode = null, IReadOnlyList<string>? DetailArguments = null);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // The file is for a person to read: Chinese stays Chinese, not \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The person's file, or null when there is no such person.</summary>
    public static async Task<PersonFile?> BuildAsync(AppDbContext db, string personId, DateTime nowUtc, CancellationToken ct = default)
    {
        var p = await db.Persons.AsNoTracking().Include(x => x.Household).FirstOrDefaultAsync(x => x.Id == personId, ct);
        if (p is null)
        {
            return null;
        }
        var h = p.Household!;
        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.HouseholdId == h.Id && (e.PersonId == null || e.PersonId == p.Id))
            .OrderBy(e => e.RecordedOn).ThenBy(e => e.Id).ToListAsync(ct);
        var referrals = await db.Referrals.AsNoTracking().Include(r => r.Steps).Where(r => r.PersonId == p.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var placements = await db.Placements.AsNoTracking().Include(x => x.FollowUps).Where(x => x.PersonId == p.Id).OrderBy(x => x.Id).ToListAsync(ct);
        var positionIds = referrals.Select(r => r.PositionId).Concat(placements.Select(x => x.PositionId)).Distinct().ToList();
        var positions = await db.Positions.AsNoTracking().Include(x => x.Employer).Where(x => positionIds.Contains(x.Id))
            .ToDictionaryAsync(x => x.Id, x => (x.Title, Employer: x.Employer != null ? x.Employer.Name : x.EmployerId), ct);
        var answers = await db.SatisfactionAnswers.AsNoTracking().Where(a => a.PersonId == p.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var courses = await db.CourseEnrollments.AsNoTracking().Where(e => e.PersonId == p.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var leads = await db.Leads.AsNoTracking().Where(l => l.PersonId == p.Id).OrderBy(l => l.Id).ToListAsync(ct);
        var searches = await db.SavedSearches.AsNoTracking().Where(s => s.PersonId == p.Id).OrderBy(s => s.Id).Select(s => s.Query).ToListAsync(ct);
        var changes = await db.RecordChanges.AsNoTracking().Where(c => c.PersonId == p.Id || (c.HouseholdId == h.Id && c.PersonId == null))
            .OrderBy(c => c.AtUtc).ThenBy(c => c.Id).ToListAsync(ct);
        var audit = await db.AuditLog.AsNoTracking()
            .Where(a => (a.EntityType == AuditTrail.Person && a.EntityId == p.Id) || (a.EntityType == AuditTrail.Household && a.EntityId == h.Id))
            .OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToListAsync(ct);

        return new PersonFile
        {
            GeneratedUtc = nowUtc,
            Person = new PersonPart(p.Id, p.Name, p.IdNumber is null ? null : ResidentId.Mask(p.IdNumber), p.Age, p.LaborCapacity.ToString(),
                p.Employed, p.Education.ToString(), p.Skills.Select(s => $"{s.Code}:{s.Level}").ToList(), p.DisabilityType?.ToString(),
                p.DisabilityGrade, p.Limits, p.Needs, p.Phone, p.Address, p.CardNumber is not null, p.Status.ToString(), p.RegisteredUtc, p.ErasedUtc),
            Household = new HouseholdPart(h.Id, h.Category?.ToString(), h.CategoryReason, h.Size, h.MonthlyIncome,
                h.Causes.Select(c => c.ToString()).ToList(), h.Address, h.DivisionCode, h.ExitStatus.ToString(), h.ArchivedUtc),
            Ledger = ledger.Select(e => new LedgerPart(e.Section.ToString(), e.PersonId == p.Id, e.RecordedOn, e.Author, e.Text)).ToList(),
            Referrals = referrals.Select(r => new ReferralPart(r.Id, r.PositionId, positions.GetValueOrDefault(r.PositionId).Title,
                positions.GetValueOrDefault(r.PositionId).Employer, r.Status.ToString(), r.ConsentRecorded, r.ConsentUtc, r.CreatedUtc, r.CreatedBy, r.Note,
                r.Steps.OrderBy(s => s.AtUtc).ThenBy(s => s.Id).Select(s => new StepPart(s.From.ToString(), s.To.ToString(), s.AtUtc, s.Author, s.Reason)).ToList()))
                .ToList(),
            Placements = placements.Select(x => new PlacementPart(x.Id, x.PositionId, positions.GetValueOrDefault(x.PositionId).Title, x.Channel.ToString(),
                x.MonthlyWage, x.StartedOn, x.EndedOn, x.Status.ToString(), x.EndedReason,
                x.FollowUps.OrderBy(f => f.DueOn).Select(f => new FollowUpPart(f.MonthsAfter, f.DueOn, f.DoneUtc, f.StillEmployed, f.MonthlyWage, f.Note)).ToList()))
                .ToList(),
            Satisfaction = answers.Select(a => new SatisfactionPart(a.PlacementId, a.Source.ToString(), a.Job, a.Pay, a.Service, a.Remark, a.RecordedUtc)).ToList(),
            Courses = courses.Select(e => new CoursePart(e.CourseId, e.Status.ToString(), e.EnrolledUtc, e.CompletedOn)).ToList(),
            KioskInterest = leads.Select(l => new LeadPart(l.PositionId, l.Status.ToString(), l.CreatedUtc)).ToList(),
            SavedSearches = searches,
            History = changes.Select(c => new ChangePart(c.AtUtc, c.Actor, c.Field, c.PersonId == p.Id, c.Before, c.After, c.Reason)).ToList(),
            Audit = audit.Select(a => new AuditPart(a.AtUtc, a.Actor, a.Action, $"{a.EntityType} {a.EntityId}", a.Detail, a.DetailCode, AuditDetail.From(a)?.Arguments)).ToList(),
        };
    }
}
