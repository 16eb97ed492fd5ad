using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;

namespace Employment.Web.Infrastructure;

/// <summary>
/// The kiosk's sessions are kept on the server: the cookie carries only a random key, and "Finish"
/// (or the idle reset) removes the session here, so a copied <c>.Employment.Kiosk</c> cookie opens
/// nothing after the end, from any address. Behind <see cref="IDistributedCache"/>: in memory on
/// one node (a restart ends every kiosk session, which a walk-up screen can afford), a shared cache
/// where several nodes serve kiosks.
/// </summary>
internal sealed class KioskSessionStore(IDistributedCache cache, TimeProvider clock) : ITicketStore
{
    private const string Prefix = "kiosk-session:";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        // 256 random bits: the key is the whole secret once the ticket lives here.
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var expires = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().AddHours(1);
        return cache.SetAsync(Prefix + key, TicketSerializer.Default.Serialize(ticket),
            new DistributedCacheEntryOptions { AbsoluteExpiration = expires });
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var bytes = await cache.GetAsync(Prefix + key);
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => cache.RemoveAsync(Prefix + key);
}
