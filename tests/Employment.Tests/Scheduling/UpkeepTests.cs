using Employment.Core.Positions;
using Employment.Core.Scheduling;
using Employment.Core.Search;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Employment.Tests.Scheduling;

/// <summary>The nightly upkeep, fired by the scheduler: expired positions closed, indexes checked against the database.</summary>
[BothStores]
public sealed class UpkeepTests
{
    [Fact]
    public async Task Positions_past_valid_until_are_expired_at_night_and_leave_the_job_bank()
    {
        using var dir = new TempDir();
        // 31 December 2026, 23:30 in Chengdu; the example's P-5 is valid until that day, P-1 until March.
        using var host = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2026, 12, 31, 23, 30)));
        await host.WaitForIndexesAsync();
        using (var scope = host.Services.CreateScope())
        {
            var dataset = Core.Interchange.DatasetReader.ReadFile(TestData.ExampleDataset, Core.Taxonomy.Taxonomy.Embedded, new DateOnly(2026, 11, 24)).EnsureValid();
            await scope.ServiceProvider.GetRequiredService<Core.Interchange.DatasetImporter>().ImportAsync(dataset);
        }
        await WaitUntilAsync(() => host.Services.GetRequiredService<JobBankIndex>().StoredProfiles().ContainsKey("P-5"));

        host.Clock.Advance(TimeSpan.FromMinutes(91));
        var run = await host.WaitForRunsAsync(ScheduleBook.PositionExpiry);
        Assert.Contains("P-5", run.LastSummary);

        var positions = await host.QueryAsync(db => db.Positions.Include(p => p.History).ToDictionaryAsync(p => p.Id));
        Assert.Equal(PositionStatus.Expired, positions["P-5"].Status);
        Assert.Contains(positions["P-5"].History, h => h.To == PositionStatus.Expired && h.ByUser == "scheduler");
        Assert.Equal(PositionStatus.Open, positions["P-1"].Status);
        // The outbox row written with the change takes it out of the job bank: its document now says it is not open.
        var profile = (await host.QueryAsync(db => ProfileLoader.PositionsAsync(db, ["P-5"], default))).Single();
        Assert.False(profile.IsOpen);
        var jobBank = host.Services.GetRequiredService<JobBankIndex>();
        await WaitUntilAsync(() => jobBank.StoredProfiles().TryGetValue("P-5", out var bytes) && bytes.AsSpan().SequenceEqual(jobBank.Serialize(profile)));
    }

    [Fact]
    public async Task The_index_check_repairs_documents_that_differ_from_the_database()
    {
        using var dir = new TempDir();
        using var host = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2026, 12, 1, 12)));
        await host.WaitForIndexesAsync();
        await host.ImportAsync(FairScheduleTests.SmallDistrict());
        var sync = host.Services.GetRequiredService<IndexSynchronizer>();
        await sync.CatchUpAsync();

        // Damage both indexes behind the outbox's back: a document lost, a stale one, one for no record.
        var jobBank = host.Services.GetRequiredService<JobBankIndex>();
        var talentPool = host.Services.GetRequiredService<TalentPoolIndex>();
        jobBank.Delete("P-1");
        var s1 = (await host.QueryAsync(db => ProfileLoader.SeekersAsync(db, ["S-1"], default))).Single();
        talentPool.Upsert(s1 with { Age = 99 });
        talentPool.Upsert(s1 with { Id = "S-GHOST" });
        jobBank.Commit(jobBank.Watermark ?? 0);
        talentPool.Commit(talentPool.Watermark ?? 0);

        Assert.True(await ScheduleBook.RunNowAsync(await host.SchedulerAsync(), ScheduleBook.IndexCheck));
        var run = await host.WaitForRunsAsync(ScheduleBook.IndexCheck);
        Assert.Equal(Quartz.JobRunResult.Succeeded, run.LastResult);
        Assert.Contains("jobbank: 3 records, 2 documents, 1 missing, 0 extra, 0 stale", run.LastSummary);
        Assert.Contains("talentpool: 6 records, 7 documents, 0 missing, 1 extra, 1 stale", run.LastSummary);

        Assert.True(jobBank.StoredProfiles().ContainsKey("P-1"));
        Assert.False(talentPool.StoredProfiles().ContainsKey("S-GHOST"));
        Assert.True(talentPool.StoredProfiles()["S-1"].AsSpan().SequenceEqual(talentPool.Serialize(s1)));
        var again = await sync.VerifyAsync();
        Assert.All(again, r => Assert.Equal(0, r.Repaired));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the index did not follow");
            await Task.Delay(50);
        }
    }
}
