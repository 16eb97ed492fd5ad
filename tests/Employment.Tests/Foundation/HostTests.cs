using System.Net;
using System.Text.Json;
using Employment.Tests.Infrastructure;

namespace Employment.Tests.Foundation;

/// <summary>The web host on a fresh data directory: migrates, loads the demo district, reports health.</summary>
[BothStores]
public sealed class HostTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Health_answers_200_with_the_database_and_its_counts()
    {
        await app.WaitForIndexesAsync();
        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var database = body.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.True(database.GetProperty("data").GetProperty("positions").GetInt32() >= 300);
        Assert.True(TestStore.IsPostgres || File.Exists(Path.Combine(app.DataDir, "employment.db")));
        var indexes = body.RootElement.GetProperty("checks").GetProperty("indexes");
        Assert.Equal("Healthy", indexes.GetProperty("status").GetString());
        Assert.Equal(database.GetProperty("data").GetProperty("positions").GetInt32(),
            indexes.GetProperty("data").GetProperty("jobBankDocuments").GetInt32());
        Assert.Equal(database.GetProperty("data").GetProperty("persons").GetInt32(),
            indexes.GetProperty("data").GetProperty("talentPoolDocuments").GetInt32());
    }

    [Fact]
    public async Task The_demo_district_is_served_on_first_start()
    {
        var client = app.CreateClient();

        using var page = JsonDocument.Parse(await client.GetStringAsync("/api/positions?pageSize=5"));

        Assert.True(page.RootElement.GetProperty("total").GetInt32() >= 300);
        Assert.Equal(5, page.RootElement.GetProperty("items").GetArrayLength());
        var home = await client.GetStringAsync("/");
        Assert.Contains("就业帮扶平台", home);
    }

    [Fact]
    public async Task The_language_switch_is_remembered()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });

        var switched = await client.GetAsync("/Culture?culture=en&returnUrl=%2F");
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Contains("Employment Assistance", home);
        Assert.DoesNotContain("就业帮扶平台", home);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/Culture?culture=en&returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
