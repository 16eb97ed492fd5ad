using System.Security.Cryptography;
using Employment.Core.Accounts;
using Employment.Core.Data;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Employers;

/// <summary>What a company fills in to register: itself, and the first account that will act for it.</summary>
public sealed record EmployerApplication
{
    public string? Name { get; init; }
    /// <summary>统一社会信用代码, as typed.</summary>
    public string? CreditCode { get; init; }
    public bool PublicSector { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? Address { get; init; }
    /// <summary>Optional: who a person at a kiosk may call, shown there only with <see cref="PublicContactConsent"/>.</summary>
    public string? PublicContactName { get; init; }
    public string? PublicContactPhone { get; init; }
    /// <summary>"同意在自助终端公开": the employer agrees to show the public contact at kiosks.</summary>
    public bool PublicContactConsent { get; init; }
    public string? Login { get; init; }
    public string? Password { get; init; }
}

/// <summary>
/// Self-registration: the employer and its account are written together, the employer Pending.
/// The account may sign in but sees only a waiting page until a counselor or admin approves the
/// employer (the employer pages check the status on every request, so approval takes effect at once).
/// </summary>
public sealed class EmployerRegistration(AppDbContext db, UserAccounts accounts, TimeProvider clock)
{
    public async Task<Employer> RegisterAsync(EmployerApplication a, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(a, ct);
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }

        // The employer and its account commit together or not at all (Identity saves on the same context).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var employer = new Employer
        {
            Id = await NewIdAsync(ct),
            Name = a.Name!.Trim(),
            CreditCode = Core.Employers.CreditCode.Normalize(a.CreditCode!),
            PublicSector = a.PublicSector,
            Status = EmployerStatus.Pending,
            ContactName = a.ContactName!.Trim(),
            ContactPhone = a.ContactPhone!.Trim(),
            Address = a.Address!.Trim(),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        PublicContact.Apply(employer, a.PublicContactName, a.PublicContactPhone, a.PublicContactConsent, employer.CreatedUtc);
        db.Employers.Add(employer);
        await db.SaveChangesAsync(ct);
        try
        {
            await accounts.CreateAsync(new NewAccount(a.Login!.Trim(), Roles.Employer, a.Password!, employer.ContactName, EmployerId: employer.Id), ct);
        }
        catch (AccountException ex)
        {
            // A race with another registration for the same login: report it as the form would have.
            throw new FieldErrorsException(ex.Errors.Select(e => new FieldError(e.Field == "password" ? nameof(a.Password) : nameof(a.Login),
                e.Field == "password" ? ErrorCodes.WeakPassword : ErrorCodes.Taken)).ToList());
        }
        await tx.CommitAsync(ct);
        return employer;
    }

    /// <summary>Every problem with the application at once; nothing is written.</summary>
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(EmployerApplication a, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        Required(errors, nameof(a.Name), a.Name, Domain.InputRules.EmployerNameMax);
        Required(errors, nameof(a.ContactName), a.ContactName, Domain.InputRules.PersonNameMax);
        Required(errors, nameof(a.ContactPhone), a.ContactPhone, 50);
        Required(errors, nameof(a.Address), a.Address, Domain.InputRules.AddressMax);
        if (string.IsNullOrWhiteSpace(a.CreditCode))
        {
            errors.Add(new FieldError(nameof(a.CreditCode), ErrorCodes.Required));
        }
        else
        {
            var code = Core.Employers.CreditCode.Normalize(a.CreditCode);
            if (Core.Employers.CreditCode.Check(code) is { } problem)
            {
                errors.Add(new FieldError(nameof(a.CreditCode), problem));
            }
            else if (await db.Employers.AnyAsync(e => e.CreditCode == code && e.Status != EmployerStatus.Rejected, ct))
            {
                errors.Add(new FieldError(nameof(a.CreditCode), ErrorCodes.Taken));
            }
        }
        if (!string.IsNullOrWhiteSpace(a.ContactPhone) && !Domain.InputRules.IsPhone(a.ContactPhone))
        {
            errors.Add(new FieldError(nameof(a.ContactPhone), ErrorCodes.Format));
        }
        if (!string.IsNullOrWhiteSpace(a.Name))
        {
            var name = a.Name.Trim();
            if (await db.Employers.AnyAsync(e => e.Name == name && e.Status != EmployerStatus.Rejected, ct))
            {
                errors.Add(new FieldError(nameof(a.Name), ErrorCodes.Taken));
            }
        }
        errors.AddRange(PublicContact.Check(a.PublicContactName, a.PublicContactPhone, a.PublicContactConsent));
        if (string.IsNullOrWhiteSpace(a.Login))
        {
            errors.Add(new FieldError(nameof(a.Login), ErrorCodes.Required));
        }
        if (string.IsNullOrEmpty(a.Password))
        {
            errors.Add(new FieldError(nameof(a.Password), ErrorCodes.Required));
        }
        if (!string.IsNullOrWhiteSpace(a.Login) && !string.IsNullOrEmpty(a.Password))
        {
            foreach (var (field, code) in await accounts.CheckCredentialsAsync(a.Login.Trim(), a.Password))
            {
                errors.Add(new FieldError(field == "login" ? nameof(a.Login) : nameof(a.Password), code,
                    code == ErrorCodes.WeakPassword ? new object[] { AccountPolicy.MinPasswordLength } : []));
            }
        }
        return errors;
    }

    private async Task<string> NewIdAsync(CancellationToken ct)
    {
        for (var i = 0; i < 5; i++)
        {
            var id = "E-R" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
            if (!await db.Employers.AnyAsync(e => e.Id == id, ct))
            {
                return id;
            }
        }
        throw new InvalidOperationException("could not find a free employer id");
    }

    private static void Required(List<FieldError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, ErrorCodes.Required));
        }
        else if (Domain.InputRules.TextProblem(value.Trim(), max) is { } problem)
        {
            errors.Add(new FieldError(field, problem, max));
        }
    }
}
