using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Kiosk;
using Employment.Core.Matching;
using Employment.Core.Search;
using Employment.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Search;

/// <summary>
/// The kiosk's box, the public API's q and the counselor's matches with a query read words the same
/// way on the demo district: what one finds, the others find.
/// </summary>
[BothStores]
public sealed class SearchAgreementTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("保洁")]
    [InlineData("baoan")]
    [InlineData("报安")]
    public async Task The_public_API_finds_what_the_kiosk_finds_in_the_same_order(string q)
    {
        await app.WaitForIndexesAsync();
        using var scope = app.Services.CreateScope();
        var kiosk = await scope.ServiceProvider.GetRequiredService<KioskCatalog>().SearchAsync(new KioskQuery { Text = q, PageSize = 50 }, default);
        Assert.InRange(kiosk.Total, 5, 50);

        using var page = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/api/positions?q={Uri.EscapeDataString(q)}&pageSize=100"));
        var api = page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.Equal(kiosk.Total, page.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(kiosk.Items.Select(i => i.Position.Id).ToHashSet(), api.ToHashSet());
        // Same relevance: the API's first results score as high as the kiosk's best.
        var scores = kiosk.Items.ToDictionary(i => i.Position.Id, i => i.Score ?? 0);
        Assert.Equal(scores.Values.Max(), scores[api[0]]);
    }

    [Fact]
    public async Task The_counselors_query_signal_marks_only_positions_the_kiosk_finds()
    {
        await app.WaitForIndexesAsync();
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var found = services.GetRequiredService<PositionTextSearch>().Search("保安", today).Hits.Select(h => h.Id).ToHashSet();
        Assert.NotEmpty(found);
        var lines = await ProfileLoader.LinesAsync(db, default);
        var engine = services.GetRequiredService<MatchingEngine>();
        var marked = 0;
        foreach (var seeker in (await ProfileLoader.SeekersAsync(db, null, default)).Take(40))
        {
            var matches = engine.PositionsFor(seeker, new MatchRequest { Top = 50, AsOf = today, Lines = lines, Query = "保安" });
            foreach (var match in matches.Where(m => m.Features.Text > 0))
            {
                Assert.Contains(match.Id, found);
                marked++;
            }
        }
        Assert.True(marked > 0, "no seeker's matches carried the query signal");
    }
}
