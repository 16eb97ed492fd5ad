using System.ComponentModel.DataAnnotations;

namespace Employment.Kiosk.Infrastructure;

/// <summary>The kiosk's settings (configuration section <c>Kiosk</c>), validated at start.</summary>
public sealed class KioskOptions
{
    /// <summary>Seconds without a touch before the screen resets and any session ends.</summary>
    [Range(30, 3600)] public int IdleSeconds { get; set; } = 90;

    /// <summary>Seconds of warning before an idle reset; WCAG 2.2.1 asks for at least 20.</summary>
    [Range(20, 600)] public int WarningSeconds { get; set; } = 25;

    /// <summary>The server-side limit of a session, for a browser with scripts off (no idle timer there).</summary>
    [Range(1, 120)] public int SessionMinutes { get; set; } = 10;

    /// <summary>Requests a minute from one address to the kiosk's pages and endpoints.</summary>
    [Range(1, 100_000)] public int PermitsPerMinute { get; set; } = 120;

    /// <summary>Sign-in attempts a minute from one address (on top of the card's own lockout).</summary>
    [Range(1, 100_000)] public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Results on one page: few, so each can be large.</summary>
    [Range(2, 50)] public int PageSize { get; set; } = 6;

    /// <summary>Recommendations shown after sign-in.</summary>
    [Range(1, 50)] public int Recommendations { get; set; } = 8;

    /// <summary>
    /// Where the public can open a position on a phone (e.g. https://jobs.example.gov.cn). When set,
    /// the QR code holds that link too; the position's essentials are always in it, so it is
    /// useful with no network at all.
    /// </summary>
    [Url] public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The district's employment service desk (section <c>Kiosk:ServiceDesk</c>): where a person who
    /// has not signed in goes to apply, and who calls back when no counselor works in the person's district.
    /// </summary>
    public ServiceDeskOptions ServiceDesk { get; set; } = new();
}

/// <summary>A public office's contact: nothing here names a person.</summary>
public sealed class ServiceDeskOptions
{
    /// <summary>The desk's name (e.g. 锦江区就业服务中心); unset, the kiosk says "your street's employment service desk".</summary>
    [MaxLength(100)] public string? Name { get; set; }
    [MaxLength(50)] public string? Phone { get; set; }
    [MaxLength(200)] public string? Address { get; set; }
    /// <summary>Opening hours as people write them (工作日 9:00–17:00).</summary>
    [MaxLength(100)] public string? Hours { get; set; }
}
