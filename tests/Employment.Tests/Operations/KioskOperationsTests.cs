using System.Net;
using Employment.Core.Counseling;
using Employment.Core.Kiosk;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Operations;

/// <summary>The kiosk's part in running the program, over HTTP on the demo district: new openings since the last visit, and a placed person's satisfaction.</summary>
[BothStores]
public sealed class KioskOperationsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Pin = "482913";

    private async Task<(string PersonId, string Card)> CardholderAsync(string card)
    {
        await app.WaitForIndexesAsync();
        var person = await app.WithDbAsync(db => db.Persons.AsNoTracking()
            .Where(p => !p.Employed && p.LaborCapacity != Core.Domain.LaborCapacity.None && p.CardNumber == null
                && (p.Status == Core.Households.PersonStatus.Registered || p.Status == Core.Households.PersonStatus.Seeking))
            .OrderBy(p => p.Id).Skip(card[^1] - '1').Select(p => p.Id).FirstAsync());
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<KioskPins>().SetPinAsync(person, card, Pin, "test", default);
        return (person, card);
    }

    private async Task<HttpClient> SignInAsync(string card)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await client.PostFormAsync("/kiosk/signin", new() { ["card"] = card, ["pin"] = Pin });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private Task<string> AnOpenPositionAsync() => app.WithDbAsync(async db =>
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<KioskCatalog>().OpenPositionsAsync(default))[0].Id;
    });

    [Fact]
    public async Task A_signed_in_person_is_greeted_with_the_openings_that_became_their_best_matches_since_the_last_visit()
    {
        var (person, card) = await CardholderAsync("66000001");
        await SignInAsync(card); // the first visit: nothing is new yet
        var position = await AnOpenPositionAsync();
        var title = await app.WithDbAsync(db => db.Positions.Where(p => p.Id == position).Select(p => p.Title).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            db.MatchAlerts.Add(new MatchAlert { PersonId = person, PositionId = position, Rank = 1, Score = 0.9, CreatedUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });

        var me = await (await SignInAsync(card)).GetStringAsync("/kiosk/me");
        Assert.Contains("个新岗位适合您", me);
        Assert.Contains($"/kiosk/positions/{position}", me);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(title), me);
    }

    [Fact]
    public async Task A_placed_person_answers_the_satisfaction_survey_once_a_quarter_at_the_kiosk()
    {
        var (person, card) = await CardholderAsync("66000002");
        var client = await SignInAsync(card);
        Assert.DoesNotContain("asp-page-handler=\"Survey\"", await client.GetStringAsync("/kiosk/me"));
        Assert.DoesNotContain("name=\"service\"", await client.GetStringAsync("/kiosk/me"));

        var position = await AnOpenPositionAsync();
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlacementWorkflow>().HireAsync(
                new HireRequest(person, position, PlacementChannel.Kiosk, DateOnly.FromDateTime(DateTime.UtcNow)), "counselor");
        }
        Assert.Contains("name=\"service\"", await client.GetStringAsync("/kiosk/me"));
        var sent = await client.PostFormAsync("/kiosk/me?handler=Survey", new() { ["job"] = "4", ["pay"] = "3", ["service"] = "5" }, page: "/kiosk/me");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var answer = await app.WithDbAsync(db => db.SatisfactionAnswers.SingleAsync(a => a.PersonId == person));
        Assert.Equal((SurveySource.Kiosk, 4, 3, 5), (answer.Source, answer.Job, answer.Pay, answer.Service));
        var after = await client.GetStringAsync("/kiosk/me?thanks=true");
        Assert.Contains("谢谢您的评价", after);
        Assert.DoesNotContain("name=\"service\"", after);
    }

    [Fact]
    public async Task Twelve_parallel_presses_of_interested_store_one_new_lead_and_each_answers_as_a_press()
    {
        var (person, card) = await CardholderAsync("66000003");
        var client = await SignInAsync(card);
        var position = await AnOpenPositionAsync();
        var token = Staff.AntiforgeryToken(await client.GetStringAsync($"/kiosk/positions/{position}"))!;
        var form = new Dictionary<string, string> { ["positionId"] = position, ["__RequestVerificationToken"] = token };

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            client.PostAsync("/kiosk/me?handler=Interested", new FormUrlEncodedContent(form))));

        // The lead's natural key (person, position, while new) is the database's to keep: one row, every press answered alike.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Leads.CountAsync(l => l.PersonId == person && l.PositionId == position && l.Status == LeadStatus.New)));
    }
}
