using Employment.Core.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Employment.Web.Infrastructure;

/// <summary>The named policies pages and API groups ask for.</summary>
public static class Policies
{
    /// <summary>Accounts, the audit log, the region's lines: admins only.</summary>
    public const string Admin = "admin";
    /// <summary>Counselors' tools (households, persons, matches, fairs, reports, exits): counselors and admins.</summary>
    public const string Staff = "staff";
    /// <summary>An employer's own positions and candidates.</summary>
    public const string Employer = "employer";
}

/// <summary>
/// Authorization by folder, as defense in depth behind the <c>[Authorize(Roles = ...)]</c> each page
/// model carries: a page added under a staff folder without its attribute is still closed. The
/// folder convention is the one the authorization matrix test asserts.
/// </summary>
public static class AuthorizationSetup
{
    /// <summary>Folders and the policy that closes them.</summary>
    public static readonly IReadOnlyList<(string Folder, string Policy)> Folders =
    [
        ("/Admin", Policies.Admin),
        ("/Counselor", Policies.Staff),
        ("/Fairs", Policies.Staff),
        ("/Reports", Policies.Staff),
        ("/Exits", Policies.Staff),
        ("/Employer", Policies.Employer),
    ];

    /// <summary>Pages inside a closed folder that anyone may open: an employer registers before having an account.</summary>
    public static readonly IReadOnlyList<string> AnonymousPages = ["/Employer/Register"];

    public static IHostApplicationBuilder AddAuthorizationPolicies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Counselor, Roles.Admin))
            .AddPolicy(Policies.Employer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Employer));
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            foreach (var (folder, policy) in Folders)
            {
                o.Conventions.AuthorizeFolder(folder, policy);
            }
            foreach (var page in AnonymousPages)
            {
                o.Conventions.AllowAnonymousToPage(page);
            }
        });
        return builder;
    }
}
