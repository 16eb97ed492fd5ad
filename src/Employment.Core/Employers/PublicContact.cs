using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Employers;

/// <summary>
/// An employer's public contact: a name and a phone a person at a kiosk may call about its
/// positions, beside the district's service desk. Optional, and shown only with the employer's
/// explicit consent ("同意在自助终端公开"); withdrawing the consent takes it off every kiosk at once
/// (the save writes the positions' outbox rows, which the kiosk's snapshot follows).
/// </summary>
public sealed class PublicContact(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string AuditAction = "employer.public-contact";

    /// <summary>Every problem at once, by the form's field names: a phone in the one phone format, consent for anything to show.</summary>
    public static IReadOnlyList<FieldError> Check(string? name, string? phone, bool consent)
    {
        var errors = new List<FieldError>();
        if (!string.IsNullOrWhiteSpace(name) && InputRules.TextProblem(name.Trim(), InputRules.PersonNameMax) is { } problem)
        {
            errors.Add(new FieldError("PublicContactName", problem, InputRules.PersonNameMax));
        }
        if (!string.IsNullOrWhiteSpace(phone) && !InputRules.IsPhone(phone))
        {
            errors.Add(new FieldError("PublicContactPhone", ErrorCodes.Format));
        }
        if (consent && string.IsNullOrWhiteSpace(phone))
        {
            // Consent to show nothing a person could call is no contact.
            errors.Add(new FieldError("PublicContactPhone", ErrorCodes.Required));
        }
        if (!consent && (!string.IsNullOrWhiteSpace(name) || !string.IsNullOrWhiteSpace(phone)))
        {
            errors.Add(new FieldError("PublicContactConsent", ErrorCodes.ConsentRequired));
        }
        return errors;
    }

    /// <summary>Sets the contact on an employer already checked; consent keeps its first date while it stands.</summary>
    public static void Apply(Employer employer, string? name, string? phone, bool consent, DateTime nowUtc)
    {
        employer.PublicContactName = consent && !string.IsNullOrWhiteSpace(name) ? name.Trim() : null;
        employer.PublicContactPhone = consent ? phone?.Trim() : null;
        employer.PublicContactConsentUtc = consent ? employer.PublicContactConsentUtc ?? nowUtc : null;
    }

    /// <summary>The employer's own change (its profile page); refused with every field error at once.</summary>
    public async Task SetAsync(string employerId, string? name, string? phone, bool consent, string actor, CancellationToken ct = default)
    {
        var errors = Check(name, phone, consent);
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }
        var employer = await db.Employers.FirstAsync(e => e.Id == employerId, ct);
        Apply(employer, name, phone, consent, clock.GetUtcNow().UtcDateTime);
        audit.Add(actor, AuditAction, "employer", employer.Id,
            AuditDetail.Of(consent ? AuditDetails.PublicContactShown : AuditDetails.PublicContactWithdrawn));
        await db.SaveChangesAsync(ct);
    }
}
