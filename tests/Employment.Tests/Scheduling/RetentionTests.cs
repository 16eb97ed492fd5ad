using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Privacy;
using Employment.Core.Scheduling;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Employment.Tests.Scheduling;

/// <summary>The retention schedule (PIPL art. 47): fired by the scheduler, it erases the persons whose retention ended, and only them.</summary>
[BothStores]
public sealed class RetentionTests
{
    [Fact]
    public async Task The_nightly_retention_run_erases_the_members_of_a_household_past_retention_with_audit_and_no_one_else()
    {
        using var dir = new TempDir();
        // 31 December 2026, 03:30 in Chengdu: the retention schedule fires at 03:45.
        using var host = new SchedulingHost(dir.Path, new FakeTimeProvider(Shanghai.At(2026, 12, 31, 3, 30)));
        await host.WaitForIndexesAsync();
        using (var scope = host.Services.CreateScope())
        {
            var dataset = Core.Interchange.DatasetReader.ReadFile(TestData.ExampleDataset, Core.Taxonomy.Taxonomy.Embedded, new DateOnly(2026, 11, 24)).EnsureValid();
            await scope.ServiceProvider.GetRequiredService<Core.Interchange.DatasetImporter>().ImportAsync(dataset);
        }
        // H-1 exited long ago: its incentive period ended on 1 December 2023, more than three years before today.
        // H-2 exited too, but its incentive period ended two years ago: still kept. H-3 never exited.
        await host.QueryAsync(async db =>
        {
            foreach (var (id, endsOn) in new[] { ("H-1", new DateOnly(2023, 12, 1)), ("H-2", new DateOnly(2024, 12, 1)) })
            {
                var household = await db.Households.SingleAsync(h => h.Id == id);
                household.ExitStatus = ExitStatus.Exited;
                db.HouseholdExits.Add(new HouseholdExit
                {
                    HouseholdId = id, VerifiedOn = endsOn.AddYears(-3), VerifiedBy = "counselor", Note = "收入超过低保边缘线",
                    IncomePerHead = 2000, DibaoLine = 800, EdgeLine = 1200,
                    TransitionEndsOn = endsOn.AddYears(-3).AddMonths(6), IncentiveEndsOn = endsOn, CreatedUtc = DateTime.UtcNow,
                });
            }
            return await db.SaveChangesAsync();
        });
        var before = await host.QueryAsync(db => db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id));
        var h1 = before.Values.Where(p => p.HouseholdId == "H-1").Select(p => p.Id).ToList();
        Assert.NotEmpty(h1);

        host.Clock.Advance(TimeSpan.FromMinutes(20));
        var run = await host.WaitForRunsAsync(ScheduleBook.Retention);
        Assert.Contains($"{h1.Count} persons erased", run.LastSummary);

        var after = await host.QueryAsync(db => db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id));
        foreach (var id in h1)
        {
            Assert.NotNull(after[id].ErasedUtc);
            Assert.Equal(PersonRights.ErasedMark, after[id].Name);
            Assert.Null(after[id].IdNumber);
        }
        // Everyone else keeps their data.
        foreach (var (id, person) in after.Where(p => !h1.Contains(p.Key)))
        {
            Assert.Null(person.ErasedUtc);
            Assert.Equal(before[id].Name, person.Name);
        }
        // The audit says the schedule erased each of them and why, without their names.
        var audit = await host.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == "person.erase").ToListAsync());
        Assert.Equal(h1.Order(StringComparer.Ordinal), audit.Select(a => a.EntityId).Order(StringComparer.Ordinal));
        Assert.All(audit, a =>
        {
            Assert.Equal("schedule:" + ScheduleBook.Retention, a.Actor);
            Assert.Equal(AuditDetails.RetentionEnded, a.DetailCode);
            Assert.Equal("[\"3\"]", a.DetailArgs);
        });
        // Nothing is due any more: the next night's run erases nobody.
        using (var scope = host.Services.CreateScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<PersonRights>().RetentionEndedAsync());
        }
    }
}
