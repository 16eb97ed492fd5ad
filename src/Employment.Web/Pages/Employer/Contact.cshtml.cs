using Employment.Core.Employers;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Employer;

/// <summary>
/// The employer's public contact at kiosks: set, change or withdraw it. Imported employers never
/// registered on the web, so this is where they give (or refuse) their consent too.
/// </summary>
public sealed class ContactModel(PublicContact contacts, IStringLocalizer<EmployerResource> text) : EmployerPageModel
{
    public sealed class InputModel : IPublicContactInput
    {
        public string? PublicContactName { get; set; }
        public string? PublicContactPhone { get; set; }
        public bool PublicContactConsent { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    [TempData] public string? Message { get; set; }

    public void OnGet() => Input = new InputModel
    {
        PublicContactName = Employer.PublicContactName,
        PublicContactPhone = Employer.PublicContactPhone,
        PublicContactConsent = Employer.PublicContactConsentUtc is not null,
    };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await contacts.SetAsync(EmployerId, Input.PublicContactName, Input.PublicContactPhone, Input.PublicContactConsent, User.Actor(), ct);
        }
        catch (FieldErrorsException ex)
        {
            ex.Errors.AddTo(ModelState, text);
            return Page();
        }
        Message = text["Contact_Saved"];
        return RedirectToPage();
    }
}
