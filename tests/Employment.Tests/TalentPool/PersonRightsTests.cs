using Employment.Core.Data;
using System.Net;
using System.Text;
using System.Text.Json;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Placement;
using Employment.Core.Privacy;
using Employment.Core.Reports;
using Employment.Tests.Counselor;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.TalentPool;

/// <summary>A person's rights over their data: the file of everything held, consent withdrawn, and an erase that leaves the disk.</summary>
[BothStores]
public sealed class PersonRightsTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    private sealed record Registered(string HouseholdId, string PersonId, string Name, string IdNumber, string OtherName);

    /// <summary>A fresh household of two with unique names, so a byte search finds only them.</summary>
    private async Task<Registered> RegisterAsync(HttpClient client)
    {
        var name = ResidentIds.UniqueName("删甲");
        var other = ResidentIds.UniqueName("留乙");
        var idNumber = ResidentIds.Next();
        var response = await client.PostFormAsync("/Counselor/Register", new()
        {
            ["Input.MonthlyIncome"] = "500",
            ["Input.DivisionCode"] = host.StreetA,
            ["Input.Address"] = "东大街 9 号",
            ["Members[0].Name"] = name,
            ["Members[0].IdNumber"] = idNumber,
            ["Members[0].Age"] = "36",
            ["Members[0].LaborCapacity"] = "Full",
            ["Members[0].Education"] = "Senior",
            ["Members[0].Phone"] = "13800001111",
            ["Members[1].Name"] = other,
            ["Members[1].Age"] = "60",
            ["Members[1].LaborCapacity"] = "None",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var householdId = response.Headers.Location!.OriginalString.Split('/')[^1];
        var personId = await host.WithDbAsync(db => db.Persons.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());
        return new Registered(householdId, personId, name, idNumber, other);
    }

    private async Task<string> FiguresAsync()
    {
        using var scope = host.Services.CreateScope();
        var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().Today();
        var report = await scope.ServiceProvider.GetRequiredService<OutcomeReports>().ForQuarterAsync(Quarter.Of(today));
        // Every figure, for the district and each street; only the moment it was computed differs.
        return JsonSerializer.Serialize(report with { GeneratedUtc = default });
    }

    /// <summary>The files under the data directory that hold <paramref name="text"/> (UTF-8 bytes), read as they are on disk now.</summary>
    private static List<string> FilesHolding(string dataDir, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }
            catch (FileNotFoundException)
            {
                continue; // a file Lucene or SQLite deleted between listing and reading
            }
            if (bytes.AsSpan().IndexOf(needle) >= 0)
            {
                found.Add(Path.GetRelativePath(dataDir, path));
            }
        }
        return found;
    }

    private async Task HireAsync(HttpClient client, string personId)
    {
        var page = $"/Counselor/Person/{personId}";
        var positionId = CounselorHost.MatchedPositions(await CounselorHost.HtmlAsync(await client.GetAsync(page)))[0];
        var referred = await client.PostFormAsync($"{page}?handler=Refer", new() { ["Refer.PositionId"] = positionId, ["Refer.Consent"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        var referral = await host.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.PersonId == personId));
        var position = await host.PositionAsync(positionId);
        var today = await host.WithDbAsync(db => Task.FromResult(host.Services.GetRequiredService<TimeProvider>().Today()));
        var hired = await client.PostFormAsync($"{page}?handler=Hire", new()
        {
            ["Hire.ReferralId"] = referral.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hire.StartedOn"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Hire.MonthlyWage"] = position.MonthlyWage.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, hired.StatusCode);
        Assert.True(await host.WithDbAsync(db => db.Placements.AnyAsync(p => p.PersonId == personId)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure, Func<string>? detail = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            // Generous: a CLI's change reaches the host at its next poll (5 s on SQLite), but CI machines are loaded.
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), detail is null ? failure : $"{failure}: {detail()}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task The_export_holds_everything_and_an_erased_person_is_in_no_file_of_the_data_directory_while_the_figures_stay()
    {
        var account = await host.CreateAccountAsync(Core.Data.Roles.Counselor, areas: [host.StreetA]);
        var client = await host.SignInAsync(account);
        var r = await RegisterAsync(client);
        var today = host.Services.GetRequiredService<TimeProvider>().Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // A name corrected (the old one stays in the history), a ledger line that names the person, a hire.
        var renamed = r.Name + "丰";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Counselor/Register/Person/{r.PersonId}", new()
        {
            ["Member.Name"] = renamed, ["Member.Age"] = "36", ["Member.LaborCapacity"] = "Full", ["Member.Education"] = "Senior",
            ["Member.Phone"] = "13800001111", ["Reason"] = "户口本姓名为 " + renamed,
        })).StatusCode);
        var ledgerPage = $"/Counselor/Household/{r.HouseholdId}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{ledgerPage}?handler=Add", new()
        {
            ["Entry.Section"] = "FamilySituation", ["Entry.Text"] = renamed + " 患慢性病，需照顾母亲", ["Entry.RecordedOn"] = today,
        }, ledgerPage)).StatusCode);
        await HireAsync(client, r.PersonId);

        // The file: record, ledger, referrals, placements, and who viewed it.
        var json = await client.GetAsync($"/Counselor/Privacy/{r.PersonId}?handler=Json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var file = JsonSerializer.Deserialize<PersonFile>(await json.Content.ReadAsStringAsync(), PersonFile.Json)!;
        Assert.Equal(renamed, file.Person.Name);
        Assert.Equal(Core.Interchange.ResidentId.Mask(r.IdNumber), file.Person.IdNumberMasked);
        Assert.Contains(file.Ledger, e => e.Text.Contains("慢性病", StringComparison.Ordinal));
        Assert.Single(file.Referrals);
        Assert.Equal("Hired", file.Referrals[0].Status);
        Assert.Single(file.Placements);
        Assert.Contains(file.History, c => c.Field == "Name" && c.Before == r.Name && c.After == renamed);
        Assert.Contains(file.Audit, a => a.Actor == account.Login && a.Action == "view");
        Assert.DoesNotContain(r.IdNumber, await (await client.GetAsync($"/Counselor/Privacy/{r.PersonId}?handler=Json")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var printable = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Privacy/{r.PersonId}"));
        Assert.Contains("慢性病", printable, StringComparison.Ordinal);
        Assert.Contains(account.Login, printable, StringComparison.Ordinal);

        // The talent pool has the person; the disk holds the name, the ID number and the person's index term before the erase.
        var tail = r.PersonId[^6..];
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (FilesHolding(Path.Combine(host.DataDir, "index"), tail).Count == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the person never reached the talent pool's files");
            await Task.Delay(100);
        }
        if (!TestStore.IsPostgres)
        {
            // The database is a file of the data directory only on SQLite (PostgreSQL keeps it on the server).
            Assert.NotEmpty(FilesHolding(host.DataDir, renamed));
            Assert.NotEmpty(FilesHolding(host.DataDir, r.IdNumber));
        }
        var figures = await FiguresAsync();

        // Refused without a reason or without the confirmation; nothing changes.
        var privacy = $"/Counselor/Privacy/{r.PersonId}";
        var refused = await CounselorHost.HtmlAsync(await client.PostFormAsync($"{privacy}?handler=Erase", new() { ["Reason"] = "本人申请", }, privacy));
        Assert.NotNull(CounselorHost.FieldError(refused, "Confirm"));
        Assert.Equal(renamed, await host.WithDbAsync(db => db.Persons.Where(p => p.Id == r.PersonId).Select(p => p.Name).SingleAsync()));

        var erased = await client.PostFormAsync($"{privacy}?handler=Erase", new() { ["Reason"] = "本人申请删除（" + renamed + "）", ["Confirm"] = "true" }, privacy);
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);

        var person = await host.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == r.PersonId));
        Assert.Equal(PersonRights.ErasedMark, person.Name);
        Assert.Null(person.IdNumber);
        Assert.Null(person.Phone);
        Assert.NotNull(person.ErasedUtc);
        // The aggregates stay right: the placement and the household are still counted.
        Assert.Equal(figures, await FiguresAsync());
        // The audit says who erased and why, without the name.
        var entry = await host.WithDbAsync(db => db.AuditLog.AsNoTracking().SingleAsync(a => a.Action == "person.erase" && a.EntityId == r.PersonId));
        Assert.Equal(account.Login, entry.Actor);
        Assert.Equal(AuditDetails.Reason, entry.DetailCode);
        Assert.Contains("本人申请删除", entry.DetailArgs, StringComparison.Ordinal);

        // Gone from the disk: SQLite file, WAL, both indexes' segments, every other file.
        Assert.Empty(FilesHolding(host.DataDir, r.Name));
        Assert.Empty(FilesHolding(host.DataDir, renamed));
        Assert.Empty(FilesHolding(host.DataDir, r.IdNumber));
        Assert.Empty(FilesHolding(Path.Combine(host.DataDir, "index"), tail));
        // The byte search does read the live files: the other member, not erased, is still found there.
        Assert.True(TestStore.IsPostgres || FilesHolding(host.DataDir, r.OtherName).Count > 0);

        // Not searchable, not exportable as a person, and the page shows the mark.
        Assert.Empty(CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(
            await client.GetAsync($"/Counselor/Search?f.Name={Uri.EscapeDataString(renamed)}"))));
        Assert.Contains(PersonRights.ErasedMark, await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{r.PersonId}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_consent_withdraws_the_open_referrals()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var r = await RegisterAsync(client);
        var page = $"/Counselor/Person/{r.PersonId}";
        var positions = CounselorHost.MatchedPositions(await CounselorHost.HtmlAsync(await client.GetAsync(page))).Take(2).ToList();
        Assert.Equal(2, positions.Count);
        foreach (var positionId in positions)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Refer",
                new() { ["Refer.PositionId"] = positionId, ["Refer.Consent"] = "true" }, page)).StatusCode);
        }
        var privacy = $"/Counselor/Privacy/{r.PersonId}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{privacy}?handler=WithdrawConsent", new() { ["Reason"] = "本人不再求职" }, privacy)).StatusCode);

        var referrals = await host.WithDbAsync(db => db.Referrals.AsNoTracking().Include(x => x.Steps).Where(x => x.PersonId == r.PersonId).ToListAsync());
        Assert.Equal(2, referrals.Count);
        Assert.All(referrals, x =>
        {
            Assert.Equal(ReferralStatus.Withdrawn, x.Status);
            Assert.Contains(x.Steps, s => s.To == ReferralStatus.Withdrawn && s.Reason!.Contains("consent withdrawn", StringComparison.Ordinal));
        });
        Assert.Equal(PersonStatus.Seeking, (await host.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == r.PersonId))).Status);
    }

    [Fact]
    public async Task The_command_line_exports_the_file_and_erases_while_the_host_runs()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var r = await RegisterAsync(client);

        var export = await CliRunner.RunAsync("person", "export", "--person", r.PersonId, "--DataDir", host.DataDir);
        Assert.True(export.ExitCode == 0, export.StdErr);
        var file = JsonSerializer.Deserialize<PersonFile>(export.StdOut, PersonFile.Json)!;
        Assert.Equal(r.Name, file.Person.Name);
        Assert.Equal(r.HouseholdId, file.Household.Id);
        Assert.Contains(file.Audit, a => a.Action == "household.register");
        Assert.DoesNotContain(r.IdNumber, export.StdOut, StringComparison.Ordinal);
        Assert.Equal(2, (await CliRunner.RunAsync("person", "export", "--person", "S-NOBODY", "--DataDir", host.DataDir)).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("person", "erase", "--person", r.PersonId, "--reason", " ", "--DataDir", host.DataDir)).ExitCode);

        // The running host's talent pool holds the person (their id's term in its segment files) and finds them by name.
        var tail = r.PersonId[^6..];
        var index = Path.Combine(host.DataDir, "index");
        await WaitUntilAsync(() => FilesHolding(index, tail).Count > 0, "the person never reached the host's talent pool");
        Assert.NotEmpty(CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(
            await client.GetAsync($"/Counselor/Search?f.Name={Uri.EscapeDataString(r.Name)}"))));

        var erase = await CliRunner.RunAsync("person", "erase", "--person", r.PersonId, "--reason", "保存期满", "--DataDir", host.DataDir);
        Assert.True(erase.ExitCode == 0, erase.StdErr);
        // Read from the store on a connection of its own: a host connection may still be reading the
        // snapshot it began before the other process's commit.
        Assert.Equal(PersonRights.ErasedMark, TestStore.Scalar(host.DataDir, $"SELECT \"Name\" FROM \"Persons\" WHERE \"Id\" = '{r.PersonId}'"));
        // The CLI never opens the host's indexes: the erase reaches them through the outbox. The host's
        // indexer (its poll sees another process's rows) deletes the document and expunges it from the
        // segments, and compacts the database after it: then no file of the data directory holds the person.
        await WaitUntilAsync(() => FilesHolding(index, tail).Count == 0, "the host's index still holds the erased person",
            () => string.Join(", ", FilesHolding(index, tail)) + "; the host's /health: " + client.GetStringAsync("/health").GetAwaiter().GetResult());
        await WaitUntilAsync(() => FilesHolding(host.DataDir, r.Name).Count == 0 && FilesHolding(host.DataDir, r.IdNumber).Count == 0,
            "a file of the data directory still holds the erased person's name or ID number",
            () => string.Join(", ", FilesHolding(host.DataDir, r.Name).Concat(FilesHolding(host.DataDir, r.IdNumber)).Distinct())
                + "; the host's /health: " + client.GetStringAsync("/health").GetAwaiter().GetResult());
        Assert.Empty(CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(
            await client.GetAsync($"/Counselor/Search?f.Name={Uri.EscapeDataString(r.Name)}"))));
        Assert.NotEmpty(FilesHolding(host.DataDir, r.OtherName));
        Assert.Equal(2, (await CliRunner.RunAsync("person", "erase", "--person", r.PersonId, "--reason", "again", "--DataDir", host.DataDir)).ExitCode);
    }
}
