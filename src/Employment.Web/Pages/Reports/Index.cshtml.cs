using Employment.Web.Infrastructure;
using Employment.Core.Domain;
using System.Globalization;
using System.Text;
using Employment.Core.Data;
using Employment.Core.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Pages.Reports;

/// <summary>A quarter's figures with their definitions, per street, printable, and as CSV or Excel.</summary>
[Authorize(Roles = StaffScope.FigureRoles)]
public sealed class IndexModel(OutcomeReports reports, AppDbContext db, IStringLocalizer<OutcomesResource> text, IStringLocalizer<RefusalResource> refusals) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Quarter { get; set; }
    /// <summary>A district's division code; without it the store's one district, or the city with a row per district.</summary>
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    /// <summary>The districts to choose from when the store holds several.</summary>
    public IReadOnlyList<(string Code, string Name)> Districts { get; private set; } = [];

    public OutcomeReport? Report { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Quarter> Choices { get; private set; } = [];
    public CultureInfo Culture => CultureInfo.CurrentUICulture;

    /// <summary>The user may read the city's figures (a row per district) as well as each district's.</summary>
    public bool SeesCity => User.Scope().SeesCity;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Choices = reports.CurrentQuarter.LastQuarters(8).Reverse().ToList();
        if (!await ChooseDistrictAsync(ct))
        {
            return Forbid();
        }
        var (report, error) = await LoadAsync(ct);
        Report = report;
        Error = error;
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        // The quarter is picked from a list; a quarter older than the list, reached by a link, joins it.
        if (report is not null && !Choices.Contains(report.Quarter))
        {
            Choices = [.. Choices, report.Quarter];
        }
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await ChooseDistrictAsync(ct))
        {
            return Forbid();
        }
        var (report, error) = await LoadAsync(ct);
        if (report is null)
        {
            return BadRequest(error ?? "");
        }
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        ReportCsv.Write(report, writer, Culture);
        // A byte-order mark, so that Excel opens the UTF-8 file as UTF-8 (the street names are Chinese).
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"outcomes-{report.Quarter}{FileSuffix}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (!await ChooseDistrictAsync(ct))
        {
            return Forbid();
        }
        var (report, error) = await LoadAsync(ct);
        if (report is null)
        {
            return BadRequest(error ?? "");
        }
        var bytes = ReportWorkbook.Create(report, Culture);
        return File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"outcomes-{report.Quarter}{FileSuffix}.xlsx");
    }

    /// <summary>
    /// Which district the user may read (<see cref="AreaScope.FigureDistricts"/>): in a store of several,
    /// one without the city's figures is shown their own district by default and refused another's or
    /// the city's. A store of one district is everyone's district, as before several.
    /// </summary>
    private async Task<bool> ChooseDistrictAsync(CancellationToken ct)
    {
        District = string.IsNullOrWhiteSpace(District) ? null : District.Trim();
        var scope = User.Scope();
        var regions = (await db.Regions.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.DivisionCode, r.Name }).ToListAsync(ct))
            .Where(r => r.DivisionCode != null).Select(r => (Code: r.DivisionCode!, r.Name)).ToList();
        if (regions.Count < 2)
        {
            return true;
        }
        Districts = regions.Where(r => scope.SeesFiguresOf(r.Code)).ToList();
        if (scope.SeesCity)
        {
            return true;
        }
        District ??= Districts.Select(r => r.Code).FirstOrDefault();
        return District is not null && scope.SeesFiguresOf(District);
    }

    private string FileSuffix => District is null ? "" : "-" + string.Concat(District.Where(char.IsAsciiLetterOrDigit));

    public string Format(object? value) => value switch
    {
        null => text["Empty"],
        double d => text["Percent", d * 100],
        int i => i.ToString("N0", CultureInfo.CurrentCulture),
        decimal m => m.ToString("N2", CultureInfo.CurrentCulture),
        _ => Convert.ToString(value, CultureInfo.CurrentCulture) ?? "",
    };

    /// <summary>Formats a line's value: rates as percentages, the average in days, counts as counts.</summary>
    public string Format(FigureLine line) => line.Key switch
    {
        FigureKeys.AverageDaysToPlacement => line.Value is double days ? text["Days", days] : text["Empty"],
        // A score of 1 to 5, not a rate.
        FigureKeys.SatisfactionAverage or FigureKeys.SatisfactionByChannel => line.Value is double score ? score.ToString("0.00", CultureInfo.CurrentCulture) : text["Empty"],
        _ => Format(line.Value),
    };

    private async Task<(OutcomeReport? Report, string? Error)> LoadAsync(CancellationToken ct)
    {
        var quarter = reports.CurrentQuarter;
        if (!string.IsNullOrWhiteSpace(Quarter) && !Core.Reports.Quarter.TryParse(Quarter, out quarter, out _))
        {
            return (null, text["BadQuarter"]);
        }
        Quarter = quarter.ToString();
        District = string.IsNullOrWhiteSpace(District) ? null : District.Trim();
        try
        {
            return (await reports.ForQuarterAsync(quarter, District, ct), null);
        }
        catch (RefusalException refusal) when (refusal.Code is RefusalCodes.QuarterNotStarted or RefusalCodes.UnknownDistrict)
        {
            return (null, refusals.Describe(refusal));
        }
    }
}
