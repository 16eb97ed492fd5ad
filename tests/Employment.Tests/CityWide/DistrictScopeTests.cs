using System.Net;
using System.Text.Json.Nodes;
using Employment.Core.Data;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.CityWide;

/// <summary>
/// Staff scopes over several districts, through the real host and sign-in: the example dataset as
/// 锦江区 (510104, households on 锦官驿街道 510104017) and, with the same ids, as 青羊区 (510105,
/// households on a street 510105001), both imported by the real `employment import` into the host's
/// data directory. A district officer (a counselor whose area is the district) sees that district's
/// records and figures; a city officer sees the city's figures and each district's, and no person's
/// record unless granted an area; the big screen shows a district or the city.
/// </summary>
[BothStores]
public sealed class DistrictScopeTests : IAsyncLifetime
{
    private readonly EmptyAppFactory _app = new();
    private readonly TempDir _files = new("employment-scope");

    public async Task InitializeAsync()
    {
        // Both districts are imported before the host starts: the same database file, as an operator would.
        foreach (var (code, name, street) in new[] { ("510104", "成都市锦江区", "510104017"), ("510105", "成都市青羊区", "510105001") })
        {
            var json = JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;
            json["region"]!["divisionCode"] = code;
            json["region"]!["name"] = name;
            foreach (var household in json["households"]!.AsArray())
            {
                household!["location"]!["divisionCode"] = street;
            }
            var file = _files.File(code + ".json");
            File.WriteAllText(file, json.ToJsonString());
            var result = await CliRunner.RunAsync("import", "--dataset", file, "--DataDir", _app.DataDir);
            Assert.True(result.ExitCode == 0, result.StdErr);
        }
    }

    [Fact]
    public async Task A_district_officer_sees_the_district_s_records_and_figures_and_nothing_of_the_other_district()
    {
        var officer = await _app.SignedInAsAsync(Roles.Counselor, ["510105"]);

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Counselor/Household/510105~H-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Counselor/Person/510105~S-2")).StatusCode);
        // 锦江区's H-1 has the same id in its own file: it is another household, out of this officer's reach.
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/Counselor/Household/H-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/Counselor/Person/S-2")).StatusCode);

        // Matching crosses districts (a job next door may be the nearest): 青羊区's S-1 is offered the
        // positions of both districts, each named by its own key.
        await _app.WaitForIndexesAsync();
        var matches = await (await officer.GetAsync("/api/matches/person/510105~S-1")).Content.ReadAsStringAsync();
        Assert.Contains("\"510105~P-", matches);
        Assert.Matches("\"P-[0-9]+\"", matches);

        var caseload = await (await officer.GetAsync("/Counselor")).Content.ReadAsStringAsync();
        Assert.Contains("510105~H-1", caseload);
        Assert.DoesNotContain("/Counselor/Household/H-1\"", caseload);

        // Their own district's figures by default; neither the other district's nor the city's.
        var reports = await officer.GetAsync("/Reports");
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        var html = await reports.Content.ReadAsStringAsync();
        Assert.Contains("成都市青羊区", html);
        Assert.DoesNotContain("成都市锦江区", html);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync("/Reports?district=510104")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync("/Reports?district=510104&handler=Csv")).StatusCode);
        var csv = await officer.GetAsync("/Reports?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.DoesNotContain("成都市锦江区", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_street_counselor_reads_the_figures_of_the_district_the_street_lies_in()
    {
        var counselor = await _app.SignedInAsAsync(Roles.Counselor, ["510104017"]);

        var html = await (await counselor.GetAsync("/Reports")).Content.ReadAsStringAsync();

        Assert.Contains("成都市锦江区", html);
        Assert.DoesNotContain("成都市青羊区", html);
        Assert.Equal(HttpStatusCode.OK, (await counselor.GetAsync("/Counselor/Household/H-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await counselor.GetAsync("/Counselor/Household/510105~H-1")).StatusCode);
    }

    [Fact]
    public async Task A_city_officer_reads_the_city_and_every_district_and_no_record_unless_granted()
    {
        var city = await _app.SignedInAsAsync(Roles.City);

        var reports = await city.GetAsync("/Reports");
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        var html = await reports.Content.ReadAsStringAsync();
        // The city's totals with a row per district.
        Assert.Contains("全市", html);
        Assert.Contains("成都市锦江区", html);
        Assert.Contains("成都市青羊区", html);
        var one = await (await city.GetAsync("/Reports?district=510104")).Content.ReadAsStringAsync();
        Assert.Contains("成都市锦江区", one);

        // No person's record, in either district, and no caseload.
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync("/Counselor/Household/H-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync("/Counselor/Household/510105~H-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync("/Counselor/Person/S-1")).StatusCode);
        var caseload = await city.GetAsync("/Counselor");
        Assert.Equal(HttpStatusCode.Redirect, caseload.StatusCode);
        Assert.Contains("/Account/Denied", caseload.Headers.Location!.ToString());

        // Granted 青羊区: its records, and still none of 锦江区's.
        var granted = await _app.SignedInAsAsync(Roles.City, ["510105"]);
        Assert.Equal(HttpStatusCode.OK, (await granted.GetAsync("/Counselor/Household/510105~H-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await granted.GetAsync("/Counselor/Household/H-1")).StatusCode);
        Assert.Contains("全市", await (await granted.GetAsync("/Reports")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_big_screen_shows_the_city_or_one_district()
    {
        var client = _app.NewClient();

        var city = await (await client.GetAsync("/screen")).Content.ReadAsStringAsync();
        var qingyang = await (await client.GetAsync("/screen?district=510105")).Content.ReadAsStringAsync();
        var panel = await (await client.GetAsync("/screen?handler=Panel&district=510105")).Content.ReadAsStringAsync();

        Assert.Contains("<title>全市", city);
        Assert.Contains("成都市锦江区", city);
        Assert.Contains("成都市青羊区", city);
        Assert.Contains("<title>成都市青羊区", qingyang);
        Assert.Contains("data-panel-url=\"/screen?handler=Panel&amp;district=510105\"", qingyang);
        Assert.DoesNotContain("成都市锦江区", panel);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/screen?district=510199")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _files.Dispose();
    }
}
