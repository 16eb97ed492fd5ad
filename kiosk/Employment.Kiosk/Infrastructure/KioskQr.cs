using System.Globalization;
using System.Text;
using Employment.Core.Kiosk;
using QRCoder;

namespace Employment.Kiosk.Infrastructure;

/// <summary>
/// The take-away QR code, made on the server. It carries the position's essentials as text, so a
/// phone shows them with no network; with a public address configured, also the link.
/// </summary>
public static class KioskQr
{
    public static string Text(KioskPosition p, string? publicBaseUrl, Func<string, string> label)
    {
        var text = new StringBuilder()
            .AppendLine(Short(p.Title))
            .AppendLine(Short(p.EmployerName))
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $"{label("Qr_Pay")}: {p.MonthlyWage:0} {label("Qr_PerMonth")}"))
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $"{label("Qr_Hours")}: {p.HoursPerWeek:0.#} {label("Qr_PerWeek")}"))
            .AppendLine(p.Remote ? label("Remote") : $"{label("Qr_Place")}: {Short(p.Address)}")
            .Append(label("Qr_Number")).Append(": ").Append(p.Id);
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            text.AppendLine().Append(publicBaseUrl.TrimEnd('/')).Append("/kiosk/positions/").Append(Uri.EscapeDataString(p.Id));
        }
        return text.ToString();
    }

    /// <summary>
    /// Free text is cut to a phone screen's worth: a QR code holds at most ~2,300 bytes, and a
    /// long title (three UTF-8 bytes a character) must not make the code impossible to draw.
    /// </summary>
    private const int MaxTextLength = 60;

    private static string Short(string? text) =>
        text is null ? "" : text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";

    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        return new SvgQRCode(data).GetGraphic(8);
    }
}
