using Employment.Core.Domain;
using Employment.Core.Data;
using Employment.Core.Kiosk;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Employment.Tests.Kiosk;

/// <summary>Person cards and PINs on a real SQLite file: hashing, lockout, validation, the CLI verb.</summary>
[BothStores]
public sealed class KioskPinTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<string[]> PersonIdsAsync(int count) =>
        await app.WithDbAsync(db => db.Persons.AsNoTracking().OrderByDescending(p => p.Id).Select(p => p.Id).Take(count).ToArrayAsync());

    private (IServiceScope Scope, KioskPins Pins, AppDbContext Db) Pins(TimeProvider? clock = null)
    {
        var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (scope, new KioskPins(db, clock ?? TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Identity.PasswordHasherOptions())), db);
    }

    [Fact]
    public async Task A_set_PIN_signs_in_is_stored_only_as_a_hash_and_is_audited()
    {
        var id = (await PersonIdsAsync(1))[0];
        var (scope, pins, _) = Pins();
        using (scope)
        {
            await pins.SetPinAsync(id, "7001 0001", "390517", "counselor:test", default);
            var ok = await pins.VerifyAsync("70010001", "390517", default);
            Assert.Equal(KioskSignInOutcome.SignedIn, ok.Outcome);
            Assert.Equal(id, ok.PersonId);
        }
        var person = await app.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal("70010001", person.CardNumber);
        Assert.DoesNotContain("390517", person.PinHash);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.EntityId == id && a.Action == "kiosk.pin.set" && a.Actor == "counselor:test")));
    }

    [Fact]
    public async Task Five_wrong_PINs_lock_the_card_even_against_the_right_PIN_until_the_lockout_passes()
    {
        var id = (await PersonIdsAsync(2))[1];
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var (scope, pins, _) = Pins(clock);
        using (scope)
        {
            await pins.SetPinAsync(id, "70010002", "284619", "test", default);
            for (var i = 1; i < KioskPins.MaxAttempts; i++)
            {
                var wrong = await pins.VerifyAsync("70010002", "000001", default);
                Assert.Equal(KioskSignInOutcome.Wrong, wrong.Outcome);
                Assert.Equal(KioskPins.MaxAttempts - i, wrong.AttemptsLeft);
            }
            Assert.Equal(KioskSignInOutcome.LockedOut, (await pins.VerifyAsync("70010002", "000001", default)).Outcome);
            Assert.Equal(KioskSignInOutcome.LockedOut, (await pins.VerifyAsync("70010002", "284619", default)).Outcome);
            clock.Advance(KioskPins.Lockout + TimeSpan.FromSeconds(1));
            Assert.Equal(KioskSignInOutcome.SignedIn, (await pins.VerifyAsync("70010002", "284619", default)).Outcome);
        }
    }

    [Fact]
    public async Task A_card_nobody_holds_counts_down_and_locks_like_a_real_one()
    {
        var (scope, pins, _) = Pins();
        using (scope)
        {
            var card = "99" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
            var left = new List<int>();
            for (var i = 1; i < KioskPins.MaxAttempts; i++)
            {
                left.Add((await pins.VerifyAsync(card, "000001", default)).AttemptsLeft);
            }
            Assert.Equal([4, 3, 2, 1], left);
            Assert.Equal(KioskSignInOutcome.LockedOut, (await pins.VerifyAsync(card, "000001", default)).Outcome);
        }
    }

    [Fact]
    public async Task A_right_PIN_clears_earlier_wrong_tries()
    {
        var id = (await PersonIdsAsync(3))[2];
        var (scope, pins, _) = Pins();
        using (scope)
        {
            await pins.SetPinAsync(id, "70010003", "517308", "test", default);
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < KioskPins.MaxAttempts - 1; i++)
                {
                    await pins.VerifyAsync("70010003", "999990", default);
                }
                Assert.Equal(KioskSignInOutcome.SignedIn, (await pins.VerifyAsync("70010003", "517308", default)).Outcome);
            }
        }
    }

    [Theory]
    [InlineData("12345", "pin")]
    [InlineData("1234567", "pin")]
    [InlineData("12a456", "pin")]
    [InlineData("111111", "pin")]
    [InlineData("123456", "pin")]
    [InlineData("654321", "pin")]
    public async Task Bad_PINs_are_refused_naming_the_field_and_change_nothing(string pin, string field)
    {
        var id = (await PersonIdsAsync(4))[3];
        var (scope, pins, _) = Pins();
        using (scope)
        {
            var ex = await Assert.ThrowsAsync<RefusalException>(() => pins.SetPinAsync(id, "70010004", pin, "test", default));
            Assert.Equal(field, ex.Field);
        }
        Assert.Null(await app.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.Id == id).Select(p => p.PinHash).SingleAsync()));
    }

    [Fact]
    public async Task A_card_number_belongs_to_one_person_and_an_unknown_person_is_named()
    {
        var ids = await PersonIdsAsync(6);
        var (scope, pins, _) = Pins();
        using (scope)
        {
            await pins.SetPinAsync(ids[4], "70010005", "402817", "test", default);
            var taken = await Assert.ThrowsAsync<RefusalException>(() => pins.SetPinAsync(ids[5], "7001-0005", "402817", "test", default));
            Assert.Equal("cardNumber", taken.Field);
            var nobody = await Assert.ThrowsAsync<RefusalException>(() => pins.SetPinAsync("NO-SUCH-PERSON", "70010099", "402817", "test", default));
            Assert.Equal("personId", nobody.Field);
            Assert.Contains("NO-SUCH-PERSON", nobody.Message);
            var badCard = await Assert.ThrowsAsync<RefusalException>(() => pins.SetPinAsync(ids[5], "7@", "402817", "test", default));
            Assert.Equal("cardNumber", badCard.Field);
            // Re-setting one's own card is fine.
            await pins.SetPinAsync(ids[4], "70010005", "602918", "test", default);
        }
        Assert.Null(await app.WithDbAsync(db => db.Persons.AsNoTracking().Where(p => p.Id == ids[5]).Select(p => p.CardNumber).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_card_answers_like_a_wrong_PIN()
    {
        var (scope, pins, _) = Pins();
        using (scope)
        {
            var result = await pins.VerifyAsync("00000000", "402817", default);
            Assert.Equal(KioskSignInOutcome.Wrong, result.Outcome);
            Assert.Null(result.PersonId);
        }
    }
}
