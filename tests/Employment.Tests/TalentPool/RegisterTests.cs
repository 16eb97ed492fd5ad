using System.Diagnostics;
using System.Net;
using Employment.Core.Households;
using Employment.Core.Interchange;
using Employment.Tests.Counselor;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Employment.Tests.TalentPool;

/// <summary>The talent pool kept in the web: registration, duplicate ID numbers, the area wall, income changes and their history.</summary>
[BothStores]
public sealed class RegisterTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    private static Dictionary<string, string> Household(string street, decimal income, params (string Name, string? IdNumber, int Age)[] members)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.MonthlyIncome"] = income.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DivisionCode"] = street,
            ["Input.Address"] = "红星路二段 1 号",
            ["Input.Causes"] = "LackSkills",
        };
        for (var i = 0; i < members.Length; i++)
        {
            form[$"Members[{i}].Name"] = members[i].Name;
            if (members[i].IdNumber is { } id)
            {
                form[$"Members[{i}].IdNumber"] = id;
            }
            form[$"Members[{i}].Age"] = members[i].Age.ToString(System.Globalization.CultureInfo.InvariantCulture);
            form[$"Members[{i}].LaborCapacity"] = "Full";
            form[$"Members[{i}].Education"] = "Junior";
        }
        return form;
    }

    private static string HouseholdIdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Counselor/Household/", location, StringComparison.Ordinal);
        return location["/Counselor/Household/".Length..];
    }

    [Fact]
    public async Task A_counselor_registers_a_household_of_two_in_their_area_and_it_is_matched_at_once()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var first = ResidentIds.UniqueName();
        var second = ResidentIds.UniqueName();
        var response = await client.PostFormAsync("/Counselor/Register",
            Household(host.StreetA, 600, (first, ResidentIds.Next(), 38), (second, ResidentIds.Next(), 35)));
        var householdId = HouseholdIdFrom(response);

        var (household, region) = await host.WithDbAsync(async db => (
            await db.Households.AsNoTracking().Include(h => h.Members).SingleAsync(h => h.Id == householdId),
            await db.Regions.AsNoTracking().TheDistrict().SingleAsync()));
        Assert.Equal(2, household.Members.Count);
        Assert.Equal(2, household.Size);
        Assert.Equal(host.StreetA, household.DivisionCode);
        // The category is the lines' for 300 a head, not typed by anyone.
        Assert.Equal(TalentPoolRegister.LinesGive(HouseholdStanding.Band(household, region)), household.Category);
        Assert.NotEqual(0, household.Lat);

        // Matched at once: the person page ranks positions for the new member ...
        var person = household.Members.Single(m => m.Name == first);
        var page = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{person.Id}"));
        Assert.NotEmpty(CounselorHost.MatchedPositions(page));
        // ... and the talent pool index has both members within moments (the outbox, woken by the save).
        var clock = Stopwatch.StartNew();
        foreach (var name in new[] { first, second })
        {
            while (!CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(
                await client.GetAsync($"/Counselor/Search?f.Name={Uri.EscapeDataString(name)}"))).Any(id => household.Members.Any(m => m.Id == id)))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{name} did not reach the talent pool index");
                await Task.Delay(50);
            }
        }
        // The household page shows the registration in its history.
        var history = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Register/Household/{householdId}"));
        Assert.Contains("登记", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_ID_number_anywhere_in_the_store_is_refused_naming_the_existing_record_masked()
    {
        // Someone of the other street: the counselor cannot see them, but one person is one person.
        var theirs = await host.TakeAsync(host.StreetB);
        var idNumber = ResidentIds.Next();
        await host.WithDbAsync(async db =>
        {
            var p = await db.Persons.SingleAsync(x => x.Id == theirs.Id);
            p.IdNumber = idNumber;
            return await db.SaveChangesAsync();
        });
        var client = await host.CounselorOfAsync(host.StreetA);
        var name = ResidentIds.UniqueName();
        var before = await host.WithDbAsync(db => db.Households.CountAsync());

        var response = await client.PostFormAsync("/Counselor/Register", Household(host.StreetA, 400, (name, idNumber, 40)));
        var html = await CounselorHost.HtmlAsync(response);
        var error = CounselorHost.FieldError(html, "Members[0].IdNumber");
        Assert.NotNull(error);
        Assert.Contains(ResidentId.Mask(idNumber), error, StringComparison.Ordinal);
        Assert.Contains(theirs.Id, error, StringComparison.Ordinal);
        Assert.Contains(theirs.HouseholdId, error, StringComparison.Ordinal);
        // Masked means masked: the full number is nowhere on the page but the field the counselor typed it in.
        Assert.DoesNotContain(theirs.Name, html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split(idNumber).Length - 1);
        Assert.Equal(before, await host.WithDbAsync(db => db.Households.CountAsync()));

        // The same number twice in one form is refused too, and so is a number with a wrong check digit.
        var other = ResidentIds.Next();
        var twice = await CounselorHost.HtmlAsync(await client.PostFormAsync("/Counselor/Register",
            Household(host.StreetA, 400, (name, other, 40), (ResidentIds.UniqueName(), other, 41))));
        Assert.NotNull(CounselorHost.FieldError(twice, "Members[1].IdNumber"));
        var wrong = other[..17] + (other[17] == '0' ? '1' : '0');
        var bad = await CounselorHost.HtmlAsync(await client.PostFormAsync("/Counselor/Register", Household(host.StreetA, 400, (name, wrong, 40))));
        Assert.NotNull(CounselorHost.FieldError(bad, "Members[0].IdNumber"));
        Assert.Equal(before, await host.WithDbAsync(db => db.Households.CountAsync()));

        // The importer refuses the same number by the same rule.
        var importer = await host.WithDbAsync(async db =>
        {
            var dataset = new Dataset
            {
                Region = new RegionRecord { Name = "x", DibaoLine = 1, EdgeLine = 2 },
                Households =
                [
                    new HouseholdRecord
                    {
                        Id = "H-DUP", MonthlyIncome = 100, Size = 1, Location = new LocationRecord { Lat = 30.65, Lon = 104.08 },
                        Members = [new PersonRecord { Id = "S-DUP", Name = name, IdNumber = idNumber, Age = 30, LaborCapacity = "full", Education = "none" }],
                    },
                ],
            };
            try
            {
                await new DatasetImporter(db, TimeProvider.System).ImportAsync(dataset);
                return null;
            }
            catch (DatasetException e)
            {
                return e.Errors.Select(x => x.ToString()).ToList();
            }
        });
        Assert.NotNull(importer);
        Assert.Contains(importer, e => e.Contains("idNumber", StringComparison.Ordinal) && e.Contains(theirs.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_streets_household_cannot_be_edited_nor_registered_there()
    {
        var theirs = await host.TakeAsync(host.StreetB);
        var client = await host.CounselorOfAsync(host.StreetA);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Counselor/Register/Household/{theirs.HouseholdId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Counselor/Register/Person/{theirs.Id}")).StatusCode);

        // A post with a token from the counselor's own page is refused before any handler runs.
        var own = await host.TakeAsync(host.StreetA);
        var form = await client.GetAsync($"/Counselor/Register/Household/{own.HouseholdId}");
        var token = Staff.AntiforgeryToken(await form.Content.ReadAsStringAsync())!;
        var post = await client.PostAsync($"/Counselor/Register/Household/{theirs.HouseholdId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.MonthlyIncome"] = "99999",
            ["Input.DivisionCode"] = host.StreetB,
            ["Input.Address"] = "x",
            ["Reason"] = "x",
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var archive = await client.PostAsync($"/Counselor/Register/Household/{theirs.HouseholdId}?handler=Archive",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ArchiveReason"] = "x" }));
        Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);
        var after = await host.WithDbAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == theirs.HouseholdId));
        Assert.Equal(theirs.Household!.MonthlyIncome, after.MonthlyIncome);
        Assert.Null(after.ArchivedUtc);

        // Nor may the counselor register a household into the other street, or move their own there.
        var html = await CounselorHost.HtmlAsync(await client.PostFormAsync("/Counselor/Register",
            Household(host.StreetB, 400, (ResidentIds.UniqueName(), null, 30))));
        Assert.NotNull(CounselorHost.FieldError(html, "Input.DivisionCode"));
        var move = await CounselorHost.HtmlAsync(await client.PostFormAsync($"/Counselor/Register/Household/{own.HouseholdId}", new()
        {
            ["Input.MonthlyIncome"] = "100",
            ["Input.DivisionCode"] = host.StreetB,
            ["Input.Address"] = "x",
            ["Reason"] = "moved",
        }));
        Assert.NotNull(CounselorHost.FieldError(move, "Input.DivisionCode"));
    }

    [Fact]
    public async Task An_income_change_reassesses_the_category_and_the_history_shows_who_what_and_why()
    {
        var account = await host.CreateAccountAsync(Core.Data.Roles.Counselor, areas: [host.StreetA]);
        var client = await host.SignInAsync(account);
        var region = await host.WithDbAsync(db => db.Regions.AsNoTracking().TheDistrict().SingleAsync());
        // A household of two under the 低保 line: 低保 by the lines.
        var low = Math.Floor(region.DibaoLine * 2 - 20);
        var householdId = HouseholdIdFrom(await client.PostFormAsync("/Counselor/Register",
            Household(host.StreetA, low, (ResidentIds.UniqueName(), ResidentIds.Next(), 45), (ResidentIds.UniqueName(), null, 44))));
        Assert.Equal(Core.Domain.HouseholdCategory.Dibao, (await host.WithDbAsync(db => db.Households.SingleAsync(h => h.Id == householdId))).Category);

        // A new job lifts income per head between the lines: 低保边缘, nobody typing the category.
        var between = Math.Floor((region.DibaoLine + region.EdgeLine)); // per head (dibao+edge)/2, for two people
        var edit = new Dictionary<string, string>
        {
            ["Input.MonthlyIncome"] = between.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DivisionCode"] = host.StreetA,
            ["Input.Address"] = "红星路二段 1 号",
            ["Input.Causes"] = "LackSkills",
            ["Reason"] = "长子在社区超市就业",
        };
        var noReason = new Dictionary<string, string>(edit) { ["Reason"] = "" };
        Assert.NotNull(CounselorHost.FieldError(await CounselorHost.HtmlAsync(
            await client.PostFormAsync($"/Counselor/Register/Household/{householdId}", noReason)), "Reason"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Counselor/Register/Household/{householdId}", edit)).StatusCode);
        var household = await host.WithDbAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == householdId));
        Assert.Equal(between, household.MonthlyIncome);
        Assert.Equal(Core.Domain.HouseholdCategory.DibaoEdge, household.Category);

        // A category the lines do not give needs a reason; with one it stands.
        var expenditure = new Dictionary<string, string>(edit) { ["Input.Category"] = "Expenditure", ["Reason"] = "复核" };
        Assert.NotNull(CounselorHost.FieldError(await CounselorHost.HtmlAsync(
            await client.PostFormAsync($"/Counselor/Register/Household/{householdId}", expenditure)), "Input.CategoryReason"));
        expenditure["Input.CategoryReason"] = "长期住院，医疗支出大";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Counselor/Register/Household/{householdId}", expenditure)).StatusCode);

        var changes = await host.WithDbAsync(db => db.RecordChanges.AsNoTracking().Where(c => c.HouseholdId == householdId).ToListAsync());
        var income = Assert.Single(changes, c => c.Field == "MonthlyIncome");
        Assert.Equal(account.Login, income.Actor);
        Assert.Equal("长子在社区超市就业", income.Reason);
        Assert.Equal(low.ToString(System.Globalization.CultureInfo.InvariantCulture), income.Before);
        Assert.Contains(changes, c => c is { Field: "Category", Before: "Dibao", After: "DibaoEdge", Reason: "长子在社区超市就业" });
        Assert.Contains(changes, c => c is { Field: "Category", Before: "DibaoEdge", After: "Expenditure" });

        var page = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Register/Household/{householdId}"));
        Assert.Contains(account.Login, page, StringComparison.Ordinal);
        Assert.Contains("长子在社区超市就业", page, StringComparison.Ordinal);
        Assert.Contains("家庭月收入", page, StringComparison.Ordinal);
        Assert.Contains("长期住院，医疗支出大", page, StringComparison.Ordinal);
        // Every view of the edit page is in the audit log.
        Assert.True(await host.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Actor == account.Login && a.Action == "view" && a.EntityId == householdId)));
    }
}
