using System.Globalization;
using Employment.Core.Reports;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Employment.Web.Pages.Reports;

/// <summary>
/// The report as an Excel workbook: "Figures" has one row per scope (district, then streets) and one
/// column per figure; "Definitions" says what each column counts. Written by MiniExcel (streaming,
/// no System.Drawing): row 1 holds the stable keys programs read, row 2 the reader's labels.
/// </summary>
public static class ReportWorkbook
{
    /// <summary>The sheets are named in the reader's language, like the tabs of any workbook they make themselves.</summary>
    public static (string Figures, string Definitions) SheetNames(CultureInfo culture) =>
        FigureDefinitions.IsChinese(culture) ? ("指标", "指标说明") : ("Figures", "Definitions");

    public static byte[] Create(OutcomeReport report, CultureInfo culture)
    {
        var names = SheetNames(culture);
        var lines = ReportLines.Of(report.District, culture, report.Options).ToList();
        var keys = new List<string> { "quarter", "asOf", "scopeCode", "scope" };
        keys.AddRange(lines.Select(l => l.Key));

        var figures = new List<Dictionary<string, object?>>();
        // The labels row: the figures' names in the reader's language under the stable keys.
        var labels = keys.ToDictionary(k => k, _ => (object?)null);
        labels["scope"] = FigureDefinitions.IsChinese(culture) ? "范围" : "Scope";
        foreach (var line in lines)
        {
            labels[line.Key] = line.Label;
        }
        figures.Add(labels);
        foreach (var scope in ReportLines.Scopes(report))
        {
            var row = new Dictionary<string, object?>
            {
                ["quarter"] = report.Quarter.ToString(),
                ["asOf"] = report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["scopeCode"] = scope.Code ?? "",
                ["scope"] = ReportLines.ScopeName(scope, report, culture),
            };
            foreach (var value in ReportLines.Of(scope, culture, report.Options))
            {
                row[value.Key] = value.Value is int or double ? value.Value : null;
            }
            figures.Add(row);
        }

        var definitions = lines.Select(l => new Dictionary<string, object?>
        {
            ["figure"] = l.Key,
            ["label"] = l.Label,
            ["definition"] = l.Definition,
        }).ToList();

        // Fixed widths (measuring text needs fonts a server lacks); rates as percentages.
        var columns = new List<DynamicExcelColumn> { new("scope") { Width = 16 }, new("figure") { Width = 32 }, new("label") { Width = 28 }, new("definition") { Width = 100 } };
        columns.AddRange(lines.Select(l => new DynamicExcelColumn(l.Key)
        {
            Width = 14,
            Format = l.Key.EndsWith("Rate", StringComparison.Ordinal) ? "0.00%" : null,
        }));
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 2,
            AutoFilter = false,
            TableStyles = TableStyles.None,
            DynamicColumns = [.. columns],
        };
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [names.Figures] = figures, [names.Definitions] = definitions }, configuration: configuration);
        return stream.ToArray();
    }
}
