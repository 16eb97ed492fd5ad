using System.Globalization;
using Employment.Core.Training;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Employment.Web.Pages.Training;

/// <summary>
/// The shortage report as an Excel workbook, like the outcome report's (<see cref="Reports.ReportWorkbook"/>):
/// one row per scope and skill with the CSV's columns, row 1 the stable keys programs read, row 2 the
/// reader's labels; a second sheet says what demand and supply count. Written by MiniExcel.
/// </summary>
public static class ShortageWorkbook
{
    public static byte[] Create(ShortageReportData report, CultureInfo culture, IStringLocalizer text)
    {
        var english = culture.TwoLetterISOLanguageName == "en";
        var (sheet, about) = english ? ("Shortages", "Definitions") : ("技能缺口", "说明");
        var labels = new Dictionary<string, object?>
        {
            ["asOf"] = null, ["scopeCode"] = null, ["scope"] = english ? "Scope" : "范围", ["skill"] = null,
            ["skillName"] = text["Skill"].Value, ["demand"] = text["Demand"].Value, ["supply"] = text["Supply"].Value,
            ["gap"] = text["Gap"].Value, ["courses"] = text["TeachingCourses"].Value,
        };
        var rows = new List<Dictionary<string, object?>> { labels };
        var asOf = report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var scope in new[] { report.District }.Concat(report.Streets))
        {
            foreach (var line in scope.Lines)
            {
                var s = line.Shortage;
                rows.Add(new Dictionary<string, object?>
                {
                    ["asOf"] = asOf,
                    ["scopeCode"] = scope.Code ?? "",
                    ["scope"] = scope.Name,
                    ["skill"] = s.Skill,
                    ["skillName"] = Core.Taxonomy.Taxonomy.Embedded.Find(s.Skill)?.Name(english) ?? s.Skill,
                    ["demand"] = s.Demand,
                    ["supply"] = s.Supply,
                    ["gap"] = s.Gap,
                    ["courses"] = string.Join(";", line.Courses.Select(c => c.Id)),
                });
            }
        }
        var definitions = new List<Dictionary<string, object?>>
        {
            new() { ["definition"] = text["ShortagesIntro", asOf].Value },
        };
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 2,
            AutoFilter = false,
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new("scope") { Width = 16 }, new("skillName") { Width = 20 }, new("courses") { Width = 24 }, new("definition") { Width = 120 },
            ],
        };
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [sheet] = rows, [about] = definitions }, configuration: configuration);
        return stream.ToArray();
    }
}
