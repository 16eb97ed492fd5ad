using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Employment.Web.Pages.Account;

[AllowAnonymous]
public sealed class DeniedModel : PageModel;
