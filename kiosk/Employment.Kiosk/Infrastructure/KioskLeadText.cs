using System.Globalization;
using Employment.Core.Counseling;
using Microsoft.Extensions.Localization;

namespace Employment.Kiosk.Infrastructure;

/// <summary>
/// What the kiosk says after "I'm interested": who will call, as <see cref="LeadRouting"/> routed it
/// (the area's counselors by name, the district's when no counselor covers the street, else the service desk).
/// </summary>
public static class KioskLeadText
{
    public static string Sent(IStringLocalizer text, LeadRoute route, ServiceDeskOptions desk, string title)
    {
        var names = string.Join(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? "、" : ", ", route.Counselors);
        var sentence = route.Level switch
        {
            LeadRouteLevel.Area when route.Counselors.Count > 0 => text["InterestSent_Area", title, names].Value,
            LeadRouteLevel.District => text["InterestSent_District", title, names].Value,
            _ => text["InterestSent_Desk", title, DeskName(text, desk)].Value,
        };
        return string.IsNullOrWhiteSpace(desk.Phone) ? sentence : sentence + " " + text["InterestSent_Phone", DeskName(text, desk), desk.Phone].Value;
    }

    public static string DeskName(IStringLocalizer text, ServiceDeskOptions desk) =>
        string.IsNullOrWhiteSpace(desk.Name) ? text["ServiceDeskDefault"].Value : desk.Name;
}
