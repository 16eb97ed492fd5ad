using System.Globalization;
using ClosedXML.Excel;
using Employment.Core.Reports;

namespace Employment.Web.Pages.Reports;

/// <summary>
/// The report as an Excel workbook: "Figures" has one row per scope (district, then streets) and one
/// column per figure; "Definitions" says what each column counts.
/// </summary>
public static class ReportWorkbook
{
    /// <summary>The sheets are named in the reader's language, like the tabs of any workbook they make themselves.</summary>
    public static (string Figures, string Definitions) SheetNames(CultureInfo culture) =>
        FigureDefinitions.IsChinese(culture) ? ("指标", "指标说明") : ("Figures", "Definitions");

    public static byte[] Create(OutcomeReport report, CultureInfo culture)
    {
        using var workbook = new XLWorkbook();
        var names = SheetNames(culture);
        var sheet = workbook.Worksheets.Add(names.Figures);
        var lines = ReportLines.Of(report.District, culture, report.Options).ToList();
        sheet.Cell(1, 1).Value = "quarter";
        sheet.Cell(1, 2).Value = "asOf";
        sheet.Cell(1, 3).Value = "scopeCode";
        sheet.Cell(1, 4).Value = "scope";
        for (var c = 0; c < lines.Count; c++)
        {
            sheet.Cell(1, 5 + c).Value = lines[c].Key;
        }
        // Row 2 repeats the header in the reader's language; row 1 stays stable for programs reading the file.
        sheet.Cell(2, 4).Value = FigureDefinitions.IsChinese(culture) ? "范围" : "Scope";
        for (var c = 0; c < lines.Count; c++)
        {
            sheet.Cell(2, 5 + c).Value = lines[c].Label;
        }
        var row = 3;
        foreach (var scope in ReportLines.Scopes(report))
        {
            sheet.Cell(row, 1).Value = report.Quarter.ToString();
            sheet.Cell(row, 2).Value = report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            sheet.Cell(row, 3).Value = scope.Code ?? "";
            sheet.Cell(row, 4).Value = ReportLines.ScopeName(scope, report, culture);
            var values = ReportLines.Of(scope, culture, report.Options).ToList();
            for (var c = 0; c < values.Count; c++)
            {
                var cell = sheet.Cell(row, 5 + c);
                switch (values[c].Value)
                {
                    case int i:
                        cell.Value = i;
                        break;
                    case double d:
                        cell.Value = d;
                        if (values[c].Key.EndsWith("Rate", StringComparison.Ordinal))
                        {
                            cell.Style.NumberFormat.Format = "0.00%";
                        }
                        break;
                }
            }
            row++;
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.Row(2).Style.Font.Italic = true;
        sheet.SheetView.FreezeRows(2);
        // Fixed widths: measuring text would need System.Drawing's fonts, which Linux servers lack.
        sheet.Column(4).Width = 16;
        for (var c = 0; c < lines.Count; c++)
        {
            sheet.Column(5 + c).Width = 14;
        }

        var defs = workbook.Worksheets.Add(names.Definitions);
        defs.Cell(1, 1).Value = "figure";
        defs.Cell(1, 2).Value = "label";
        defs.Cell(1, 3).Value = "definition";
        var r = 2;
        foreach (var line in lines)
        {
            defs.Cell(r, 1).Value = line.Key;
            defs.Cell(r, 2).Value = line.Label;
            defs.Cell(r, 3).Value = line.Definition;
            r++;
        }
        defs.Row(1).Style.Font.Bold = true;
        defs.Column(1).Width = 32;
        defs.Column(2).Width = 28;
        defs.Column(3).Width = 100;
        defs.Column(3).Style.Alignment.WrapText = true;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
