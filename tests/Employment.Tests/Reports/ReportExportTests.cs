using System.Net;
using CsvHelper;
using Employment.Core.Data;
using Employment.Core.Reports;
using Employment.Tests.Infrastructure;
using MiniExcelLibs;

namespace Employment.Tests.Reports;

/// <summary>The report pages and their CSV and Excel exports, through HTTP as a signed-in counselor.</summary>
[BothStores]
public sealed class ReportExportTests(DistrictAppFactory factory) : IClassFixture<DistrictAppFactory>
{
    public sealed record CsvRows(string[] Header, List<Dictionary<string, string>> Lines);

    /// <summary>Reads a CSV back with CsvHelper, header first.</summary>
    public static CsvRows ReadCsv(string text)
    {
        using var reader = CsvReader.Create(new StringReader(text.TrimStart('\uFEFF')), null, false);
        reader.ReadHeader();
        var header = reader.Headers.ToArray();
        var lines = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            lines.Add(header.ToDictionary(h => h, h => reader.GetString(h)));
        }
        return new CsvRows(header, lines);
    }

    private async Task<HttpClient> CounselorAsync() =>
        await (await factory.ReadyAsync()).SignedInAsAsync(Roles.Counselor, [HandMadeDistrict.Jinguanyi]);

    [Fact]
    public async Task The_report_needs_a_counselor_or_an_admin()
    {
        await factory.ReadyAsync();
        var anonymous = await factory.NewClient().GetAsync("/Reports?quarter=2026Q4");
        var employer = await (await factory.SignedInAsAsync(Roles.Employer, employerId: "E-1")).GetAsync("/Reports?quarter=2026Q4");
        var csv = await factory.NewClient().GetAsync("/Reports?quarter=2026Q4&handler=Csv");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, employer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, csv.StatusCode);
    }

    [Fact]
    public async Task The_page_shows_each_figure_with_its_definition_and_every_street()
    {
        var client = await CounselorAsync();

        var html = await client.GetStringAsync("/Reports?quarter=2026Q4");

        Assert.Contains("低保户就业新增率", html);
        Assert.Contains("40.0%", html);                          // 2 of 5 dibao households
        Assert.Contains("14.3%", html);                          // exit rate 1 of 7
        Assert.Contains(FigureDefinitions.Definition(FigureKeys.ExitRate, new System.Globalization.CultureInfo("zh-CN"), new OutcomeOptions()), html);
        Assert.Contains("锦官驿街道", html);
        Assert.Contains("三圣街道", html);
        Assert.Contains("未归属街道", html);
        Assert.Contains("/css/reports.css", html);
        Assert.Contains("handler=Xlsx", html);
        // Printable: the stylesheet the page links has a print section.
        Assert.Contains("@media print", await client.GetStringAsync("/css/reports.css"));
    }

    [Theory]
    [InlineData("2026Q9")]
    [InlineData("2027Q2")]
    public async Task A_bad_or_future_quarter_is_a_clear_400(string quarter)
    {
        var client = await CounselorAsync();

        var response = await client.GetAsync("/Reports?quarter=" + quarter);
        var export = await client.GetAsync($"/Reports?quarter={quarter}&handler=Csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(quarter.EndsWith('9') ? "2026Q4" : "尚未开始", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
    }

    [Fact]
    public async Task The_csv_export_reads_back_with_the_figures_and_their_definitions()
    {
        var client = await CounselorAsync();

        var response = await client.GetAsync("/Reports?quarter=2026Q4&handler=Csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = ReadCsv(System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(ReportCsv.Header, rows.Header);
        var district = rows.Lines.Where(r => r["scopeCode"] == "510104").ToDictionary(r => r["figure"]);
        Assert.Equal("6", district["households"]["value"]);
        Assert.Equal("0.1429", district["exitRate"]["value"]);
        Assert.Equal("1", district["placementsByChannel.fair"]["value"]);
        Assert.Equal("3", district["zeroEmploymentTrend.2026Q4"]["value"]);
        Assert.Equal("150", district["averageDaysToPlacement"]["value"]);
        Assert.All(rows.Lines, r => Assert.False(string.IsNullOrWhiteSpace(r["definition"])));
        var donghu = rows.Lines.Where(r => r["scopeCode"] == HandMadeDistrict.Donghu).ToDictionary(r => r["figure"]);
        Assert.Equal("2", donghu["zeroEmploymentHouseholds"]["value"]);
        Assert.Equal("东湖街道", donghu["households"]["scope"]);
    }

    [Fact]
    public async Task The_excel_export_reads_back_with_one_row_per_scope_and_a_definitions_sheet()
    {
        var client = await CounselorAsync();

        var response = await client.GetAsync("/Reports?quarter=2026Q3&handler=Xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(["指标", "指标说明"], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        // Row 1 is the header of stable keys; row 2 the labels; then one row per scope.
        var rows = Sheet(bytes, "指标");
        var district = rows[1];
        Assert.Equal("510104", district["scopeCode"]);
        Assert.Equal(5, Convert.ToInt32(district["households"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.1667, Convert.ToDouble(district["exitRate"], System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.Equal(2, Convert.ToInt32(district["placementsByChannel.referral"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(151.5, Convert.ToDouble(district["averageDaysToPlacement"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("脱贫率", rows[0]["exitRate"]);
        // The district, 11 streets and the households with no street.
        Assert.Equal(13, rows.Count - 1);
        var exitRate = Sheet(bytes, "指标说明").Single(r => Equals(r["figure"], "exitRate"));
        Assert.StartsWith("核实退出 ÷ 本季在册家庭", (string)exitRate["definition"]!);
        // Rates are shown as percentages.
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        using var styles = new StreamReader(zip.GetEntry("xl/styles.xml")!.Open());
        Assert.Contains("0.00%", await styles.ReadToEndAsync());
    }

    private static List<IDictionary<string, object?>> Sheet(byte[] workbook, string name) =>
        MiniExcel.Query(new MemoryStream(workbook), useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>().ToList();

    [Fact]
    public async Task The_english_page_and_export_use_the_english_definitions()
    {
        var client = await CounselorAsync();
        await client.GetAsync("/Culture?culture=en&returnUrl=%2F");
        var english = await client.GetByteArrayAsync("/Reports?quarter=2026Q3&handler=Xlsx");
        Assert.Equal(["Figures", "Definitions"], MiniExcel.GetSheetNames(new MemoryStream(english)));

        var html = await client.GetStringAsync("/Reports?quarter=2026Q4");
        var csv = ReadCsv(await client.GetStringAsync("/Reports?quarter=2026Q4&handler=Csv"));

        Assert.Contains("Employment growth among dibao households", html);
        Assert.Contains("Verified exits ÷ households in the program during the quarter", html);
        Assert.Equal("Exit rate", csv.Lines.First(r => r["figure"] == "exitRate")["label"]);
    }
}
