using Employment.Core.Accounts;
using Employment.Core.Data;
using Employment.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Admin;

/// <summary>
/// A new account with a random password, shown once on the answer to the post and never stored
/// or logged: the admin hands it over, the person changes nothing (there is no self-service yet).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CreateModel(AppDbContext db, UserAccounts accounts, AuditTrail audit, IStringLocalizer<AdminResource> text) : PageModel
{
    public sealed class InputModel
    {
        // Nullable, and checked in Validate with this page's strings rather than attributes: the
        // attributes' messages would come from the shared resource.
        public string? Login { get; set; }
        public string? DisplayName { get; set; }
        public string? Role { get; set; } = Roles.Counselor;
        public List<string> Areas { get; set; } = [];
        public string? EmployerId { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public AccountChoices Choices { get; private set; } = new([], []);
    /// <summary>Set only on the answer to a successful post.</summary>
    public string? NewPassword { get; private set; }
    public string? CreatedId { get; private set; }

    private void Validate()
    {
        var login = Input.Login?.Trim() ?? "";
        if (login.Length == 0)
        {
            ModelState.AddModelError("Input.Login", text["LoginRequired"]);
        }
        else if (!Employment.Core.Accounts.AccountPolicy.IsValidLogin(login))
        {
            ModelState.AddModelError("Input.Login", text["LoginInvalid"]);
        }
        if (Input.DisplayName is { Length: > 100 })
        {
            ModelState.AddModelError("Input.DisplayName", text["TooLong", 100]);
        }
        if (!Roles.All.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", text["RoleInvalid"]);
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => Choices = await AccountChoices.LoadAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Choices = await AccountChoices.LoadAsync(db, ct);
        Validate();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var password = Accounts.NewPassword();
        try
        {
            var user = await accounts.CreateAsync(new NewAccount(Input.Login!.Trim(), Input.Role!, password,
                string.IsNullOrWhiteSpace(Input.DisplayName) ? null : Input.DisplayName.Trim(), Input.Areas, Input.EmployerId), ct);
            audit.Add(User.Actor(), "account.create", "account", user.UserName!, AuditDetail.Of(AuditDetails.AccountRole, Input.Role));
            await db.SaveChangesAsync(ct);
            CreatedId = user.Id;
        }
        catch (AccountException e)
        {
            AccountErrors.AddTo(ModelState, e, text);
            return Page();
        }
        NewPassword = password;
        ModelState.Clear();
        Response.Headers.CacheControl = "no-cache, no-store";
        return Page();
    }
}

/// <summary>Core's account errors as field errors on the form, in the page's language.</summary>
public static class AccountErrors
{
    public static void AddTo(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, AccountException e, IStringLocalizer<AdminResource> text)
    {
        foreach (var (field, message) in e.Errors)
        {
            var (key, localized) = field switch
            {
                "login" when message.Contains("taken", StringComparison.Ordinal) => ("Input.Login", text["LoginTaken"].Value),
                "login" => ("Input.Login", text["LoginInvalid"].Value),
                "role" => ("Input.Role", text["RoleInvalid"].Value),
                "areas" when message.StartsWith("unknown", StringComparison.Ordinal) => ("Input.Areas", text["AreaUnknown", message[(message.LastIndexOf(' ') + 1)..]].Value),
                "areas" => ("Input.Areas", text["AreasRequired"].Value),
                "employerId" => ("Input.EmployerId", text["EmployerRequired"].Value),
                _ => ("", text["AccountRefused"].Value),
            };
            if (state[key]?.Errors.Any(x => x.ErrorMessage == localized) != true)
            {
                state.AddModelError(key, localized);
            }
        }
    }
}
