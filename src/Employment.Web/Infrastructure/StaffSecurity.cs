using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Employment.Web.Infrastructure;

/// <summary>
/// The host's defenses that are not one feature's: folder authorization, error pages without stack
/// traces (HTML and ProblemDetails), the API's CSRF rule, log redaction and the OpenAPI document.
/// </summary>
public static class StaffSecurity
{
    /// <summary>
    /// A cookie-authenticated write to the JSON API must carry this header (any value). A page on
    /// another site can make the browser send the cookie with a form post, but it cannot add a
    /// custom header without a CORS preflight, which this host never grants (OWASP "custom request
    /// header" defense). The staff cookie is also SameSite=Strict; this is the second lock. Calls
    /// without the cookie (an integration with no ambient credentials) are not affected.
    /// </summary>
    public const string ApiWriteHeader = "X-Requested-With";

    public static IHostApplicationBuilder AddStaffSecurity(this IHostApplicationBuilder builder)
    {
        builder.AddAuthorizationPolicies();
        builder.AddLogRedaction();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Whatever wrote the problem, a server error says only that it happened and which request it was.
            ctx.ProblemDetails.Extensions.Remove("exception");
            if (ctx.ProblemDetails.Status >= 500)
            {
                ctx.ProblemDetails.Detail = null;
            }
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Employment API";
            document.Info.Description = "Approved positions (public); matches and referrals (counselors); an employer's own positions. " +
                "Cookie-authenticated writes must send the X-Requested-With header.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// Outside Development: exceptions become /Error (pages) or a bare ProblemDetails (/api), and HSTS.
    /// Everywhere: empty 4xx/5xx answers become a localized status page (pages) or ProblemDetails (/api).
    /// Goes before routing, so the re-executed status page is routed afresh.
    /// </summary>
    public static WebApplication UseStaffSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(IsApi, api => api.UseExceptionHandler());
            app.UseWhen(c => !IsApi(c), pages => pages.UseExceptionHandler("/Error"));
            app.UseHsts();
        }
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), pages => pages.UseStatusCodePagesWithReExecute("/Status/{0}"));
        return app;
    }

    /// <summary>
    /// The OpenAPI document at /openapi/v1.json, open to anyone (it describes, it holds no data), and
    /// the API write-header check. Called after UseAuthorization, so the check runs after it: an
    /// anonymous or wrong-role write still gets its 401/403, an authorized one without the header 400.
    /// </summary>
    public static WebApplication MapStaffSecurity(this WebApplication app)
    {
        app.Use(RequireApiWriteHeader);
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static async Task RequireApiWriteHeader(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Method;
        if (IsApi(context) && !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
            && !context.Request.Headers.ContainsKey(ApiWriteHeader))
        {
            var cookie = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
                .Get(IdentityConstants.ApplicationScheme).Cookie.Name;
            if (cookie is not null && context.Request.Cookies.ContainsKey(cookie))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 400, Title = "Missing " + ApiWriteHeader, Detail = $"Cookie-authenticated API writes must send the {ApiWriteHeader} header." },
                });
                return;
            }
        }
        await next(context);
    }
}
