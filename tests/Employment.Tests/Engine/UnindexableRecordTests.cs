using System.Diagnostics;
using System.Text.Json.Nodes;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Search;
using Employment.Core.Taxonomy;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Engine;

/// <summary>
/// A record Lucene cannot hold (a name past the doc-values limit, planted behind the validation's
/// back) is skipped and named in /health; every other record stays searchable, through the
/// outbox and through a full rebuild alike.
/// </summary>
[BothStores]
public sealed class UnindexableRecordTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 24);
    private readonly EmptyAppFactory _app = new();

    public async Task InitializeAsync()
    {
        await _app.WaitForIndexesAsync();
        using var scope = _app.Services.CreateScope();
        var dataset = DatasetReader.ReadFile(TestData.ExampleDataset, Taxonomy.Embedded, AsOf).EnsureValid();
        await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(dataset);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [SqliteOnly] // PostgreSQL enforces the column length, so the record never reaches the index
    [Fact]
    public async Task A_name_too_large_for_the_index_is_skipped_and_named_in_health_while_the_others_stay_searchable()
    {
        var talentPool = _app.Services.GetRequiredService<TalentPoolIndex>();
        var persons = await _app.WithDbAsync(db => db.Persons.CountAsync());
        await Eventually(() => talentPool.Count == persons);

        // 40,000 CJK characters: 120,000 UTF-8 bytes, over Lucene's 32,766 for a sorted doc value.
        await _app.WithDbAsync(async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == "S-1");
            person.Name = new string('张', 40_000);
            return await db.SaveChangesAsync();
        });
        // Its old document goes too (it no longer says what the record holds).
        await Eventually(() => talentPool.Unindexable.ContainsKey("S-1") && talentPool.Count == persons - 1);

        var client = _app.CreateClient();
        var health = JsonNode.Parse(await client.GetStringAsync("/health"))!;
        var indexes = health["checks"]!["indexes"]!;
        Assert.Equal("Degraded", indexes["status"]!.GetValue<string>());
        Assert.Contains("S-1", indexes["description"]!.GetValue<string>());
        Assert.Equal("S-1", indexes["data"]!["unindexable"]![0]!["id"]!.GetValue<string>());
        // The watermark moved past the refused record: later changes are not stuck behind it.
        Assert.True(indexes["data"]!["talentPoolWatermark"]!.GetValue<long>() > 0);

        // A full rebuild skips it the same way instead of failing as a whole.
        var results = await _app.Services.GetRequiredService<IndexSynchronizer>().RebuildAsync();
        Assert.All(results, r => Assert.True(r.Rebuilt));
        Assert.Equal(persons - 1, talentPool.Count);
        Assert.True(talentPool.Unindexable.ContainsKey("S-1"));

        // Corrected, the record comes back and health is clean again.
        await _app.WithDbAsync(async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == "S-1");
            person.Name = "张三";
            return await db.SaveChangesAsync();
        });
        await Eventually(() => talentPool.Count == persons && talentPool.Unindexable.Count == 0);
        health = JsonNode.Parse(await client.GetStringAsync("/health"))!;
        Assert.Equal("Healthy", health["checks"]!["indexes"]!["status"]!.GetValue<string>());
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the index did not get there");
            await Task.Delay(25);
        }
    }
}
