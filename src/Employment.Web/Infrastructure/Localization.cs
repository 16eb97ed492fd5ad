using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Employment.Web.Infrastructure;

/// <summary>zh-CN first, English one switch away; the choice is remembered in a cookie.</summary>
public static class Localization
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static IHostApplicationBuilder AddLocalizationSupport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddScoped<AuditSay>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Cookie first (the switch), then ?culture= for links; never the browser's
            // Accept-Language: a kiosk's browser says nothing about the person in front of it.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new QueryStringRequestCultureProvider()];
        });
        return builder;
    }
}
