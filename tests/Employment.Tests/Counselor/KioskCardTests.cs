using System.Net;
using Employment.Core.Kiosk;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Counselor;

/// <summary>The person card and kiosk PIN, handed over on the person page and good for the kiosk sign-in.</summary>
[BothStores]
public sealed class KioskCardTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    [Fact]
    public async Task A_counselor_sets_a_card_and_pin_that_the_kiosk_accepts_and_a_bad_one_changes_nothing()
    {
        var person = await host.TakeAsync(host.StreetA);
        var counselor = await host.CounselorOfAsync(host.StreetA);
        var page = $"/Counselor/Person/{person.Id}";
        var card = "77" + Random.Shared.Next(100000, 999999);

        var mismatch = await counselor.PostFormAsync($"{page}?handler=Card",
            new() { ["Card.CardNumber"] = card, ["Card.Pin"] = "482913", ["Card.PinRepeat"] = "482914" }, page);
        var mismatchHtml = await CounselorHost.HtmlAsync(mismatch);
        Assert.NotNull(CounselorHost.FieldError(mismatchHtml, "Card.PinRepeat"));
        var weak = await counselor.PostFormAsync($"{page}?handler=Card",
            new() { ["Card.CardNumber"] = card, ["Card.Pin"] = "123456", ["Card.PinRepeat"] = "123456" }, page);
        Assert.NotNull(CounselorHost.FieldError(await CounselorHost.HtmlAsync(weak), "Card.Pin"));
        Assert.DoesNotContain("482913", mismatchHtml);
        Assert.Null(await host.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => p.CardNumber).SingleAsync()));

        var saved = await counselor.PostFormAsync($"{page}?handler=Card",
            new() { ["Card.CardNumber"] = card, ["Card.Pin"] = "482913", ["Card.PinRepeat"] = "482913" }, page);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var scope = host.Services.CreateScope();
        var pins = scope.ServiceProvider.GetRequiredService<KioskPins>();
        Assert.Equal(KioskSignInOutcome.SignedIn, (await pins.VerifyAsync(card, "482913", CancellationToken.None)).Outcome);
        Assert.Contains(await host.WithDbAsync(db => db.AuditLog.Where(a => a.EntityId == person.Id).Select(a => a.Action).ToListAsync()),
            a => a == "kiosk.pin.set");
    }

    [Fact]
    public async Task A_counselor_of_another_street_cannot_set_the_card()
    {
        var person = await host.TakeAsync(host.StreetA);
        var other = await host.CounselorOfAsync(host.StreetB);

        var post = await other.PostFormAsync($"/Counselor/Person/{person.Id}?handler=Card",
            new() { ["Card.CardNumber"] = "66001122", ["Card.Pin"] = "482913", ["Card.PinRepeat"] = "482913" }, "/Counselor");

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(await host.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).Select(p => p.CardNumber).SingleAsync()));
    }
}
