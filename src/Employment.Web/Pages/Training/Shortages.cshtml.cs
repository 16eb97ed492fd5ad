using System.Globalization;
using System.Text;
using Employment.Core.Data;
using Employment.Core.Training;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Employment.Web.Pages.Training;

/// <summary>The district's skill shortages, per street, with the courses that teach each; as CSV too. Aggregates only.</summary>
[Authorize(Roles = Roles.Counselor + "," + Roles.Admin)]
public sealed class ShortagesModel(ShortageReport reports, Microsoft.Extensions.Localization.IStringLocalizer<TrainingResource> text) : PageModel
{
    public ShortageReportData Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Report = await reports.BuildAsync(ct: ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var report = await reports.BuildAsync(ct: ct);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        ShortageCsv.Write(report, writer, CultureInfo.CurrentUICulture);
        // A byte-order mark, so that Excel opens the UTF-8 file as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"skill-shortages-{report.AsOf:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        var report = await reports.BuildAsync(ct: ct);
        return File(ShortageWorkbook.Create(report, CultureInfo.CurrentUICulture, text),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"skill-shortages-{report.AsOf:yyyy-MM-dd}.xlsx");
    }
}
