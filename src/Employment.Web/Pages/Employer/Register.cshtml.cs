using Employment.Core.Employers;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Employer;

/// <summary>A company registers itself and its first account; both wait for a reviewer's approval.</summary>
[AllowAnonymous]
[EnableRateLimiting(EmployerPortal.RegistrationLimit)]
public sealed class RegisterModel(EmployerRegistration registration, IStringLocalizer<EmployerResource> text, ILogger<RegisterModel> logger) : PageModel
{
    public sealed class InputModel : IPublicContactInput
    {
        public string? Name { get; set; }
        public string? CreditCode { get; set; }
        public bool PublicSector { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
        public string? Address { get; set; }
        public string? PublicContactName { get; set; }
        public string? PublicContactPhone { get; set; }
        public bool PublicContactConsent { get; set; }
        public string? Login { get; set; }
        public string? Password { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)] public bool Done { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var application = new EmployerApplication
        {
            Name = Input.Name, CreditCode = Input.CreditCode, PublicSector = Input.PublicSector, ContactName = Input.ContactName, ContactPhone = Input.ContactPhone,
            Address = Input.Address, Login = Input.Login, Password = Input.Password,
            PublicContactName = Input.PublicContactName, PublicContactPhone = Input.PublicContactPhone, PublicContactConsent = Input.PublicContactConsent,
        };
        var errors = (await registration.ValidateAsync(application, ct)).ToList();
        if (Input.Password != Input.ConfirmPassword)
        {
            errors.Add(new FieldError(nameof(Input.ConfirmPassword), "password_mismatch"));
        }
        try
        {
            if (errors.Count > 0)
            {
                throw new FieldErrorsException(errors);
            }
            var employer = await registration.RegisterAsync(application, ct);
            logger.LogInformation("Employer {Employer} registered, waiting for approval", employer.Id);
            return RedirectToPage(new { done = true });
        }
        catch (FieldErrorsException ex)
        {
            ex.Errors.AddTo(ModelState, text);
            // The password is never sent back into the form.
            Input.Password = Input.ConfirmPassword = null;
            return Page();
        }
    }
}
