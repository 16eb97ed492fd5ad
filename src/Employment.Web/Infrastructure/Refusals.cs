using Employment.Core.Domain;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Infrastructure;

/// <summary>
/// The one place a Core refusal becomes a sentence: its code looked up in RefusalResource (zh-CN,
/// English), its arguments formatted in the reader's culture. Pages, the API and the fair all call here.
/// </summary>
public static class Refusals
{
    public static string Describe(this IStringLocalizer<RefusalResource> text, RefusalException refusal) =>
        text["Refusal_" + refusal.Code, [.. refusal.Arguments]];

    public static string Describe(this IStringLocalizer<RefusalResource> text, string code, params object[] arguments) =>
        text["Refusal_" + code, arguments];
}
