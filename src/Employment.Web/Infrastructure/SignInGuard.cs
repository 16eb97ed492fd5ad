using System.Collections.Concurrent;
using Employment.Core.Accounts;
using Microsoft.Extensions.Options;

namespace Employment.Web.Infrastructure;

/// <summary>The staff sign-in's defences beside Identity's own lockout (configuration section <c>SignIn</c>).</summary>
public sealed class SignInGuardOptions
{
    /// <summary>Wrong tries one address may make in a row before it has to wait; 0 turns the back-off off.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1000)] public int FreeFailuresPerAddress { get; set; } = 3;

    /// <summary>The first wait after the free tries; each further wrong try doubles it, up to <see cref="MaxBackoffSeconds"/>.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)] public int FirstBackoffSeconds { get; set; } = 30;

    [System.ComponentModel.DataAnnotations.Range(1, 86_400)] public int MaxBackoffSeconds { get; set; } = 900;
}

/// <summary>
/// What Identity's lockout alone does not give:
/// <list type="bullet">
/// <item>one sign-in at a time per login, so parallel wrong passwords are each counted (Identity
/// answers "failed" without counting when two updates of the account race);</item>
/// <item>a back-off per client address that starts before the account's lock, so one address
/// cannot lock someone else's account out in a few seconds;</item>
/// <item>a lockout for logins that do not exist, with the same words and the same five tries, so
/// "locked" does not tell which logins exist.</item>
/// </list>
/// In memory, for one web process: the account's own count and lock stay in the database.
/// </summary>
public sealed class SignInGuard(IOptions<SignInGuardOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AddressState> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset LockedUntil)> _unknown = new(StringComparer.Ordinal);

    /// <summary>Waits until no other sign-in for this login runs; dispose the result to let the next one in.</summary>
    public async Task<IDisposable> SerializeAsync(string login, CancellationToken ct)
    {
        var key = login.ToUpperInvariant();
        Gate gate;
        while (true)
        {
            gate = _gates.GetOrAdd(key, _ => new Gate());
            lock (gate)
            {
                // A gate being removed by its last user is not joined: take a fresh one.
                if (gate.Users >= 0)
                {
                    gate.Users++;
                    break;
                }
            }
        }
        try
        {
            await gate.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(key, gate);
            throw;
        }
        return new Release(() =>
        {
            gate.Semaphore.Release();
            Leave(key, gate);
        });
    }

    private void Leave(string key, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users == 0)
            {
                gate.Users = -1;
                _gates.TryRemove(new KeyValuePair<string, Gate>(key, gate));
            }
        }
    }

    /// <summary>How long this address must still wait before it may try again; zero when it may.</summary>
    public TimeSpan WaitFor(string address)
    {
        if (!_addresses.TryGetValue(address, out var state))
        {
            return TimeSpan.Zero;
        }
        var left = state.NotBefore - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Counts a wrong try from the address; past the free tries, the address waits, twice as long each time.</summary>
    public void Failed(string address)
    {
        var o = options.Value;
        if (o.FreeFailuresPerAddress == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        _addresses.AddOrUpdate(address,
            _ => Next(new AddressState(0, now), now, o),
            (_, state) => Next(state, now, o));
        if (_addresses.Count > 10_000)
        {
            // Old entries go; a flood of addresses cannot grow this without bound.
            foreach (var (key, state) in _addresses)
            {
                if (state.NotBefore < now - TimeSpan.FromSeconds(o.MaxBackoffSeconds))
                {
                    _addresses.TryRemove(key, out _);
                }
            }
        }
    }

    private static AddressState Next(AddressState state, DateTimeOffset now, SignInGuardOptions o)
    {
        // A long quiet spell forgives the earlier mistakes.
        var failures = now - state.NotBefore > TimeSpan.FromSeconds(o.MaxBackoffSeconds) ? 1 : state.Failures + 1;
        if (failures <= o.FreeFailuresPerAddress)
        {
            return new AddressState(failures, now);
        }
        var doublings = Math.Min(failures - o.FreeFailuresPerAddress - 1, 20);
        var wait = Math.Min(o.FirstBackoffSeconds * Math.Pow(2, doublings), o.MaxBackoffSeconds);
        return new AddressState(failures, now + TimeSpan.FromSeconds(wait));
    }

    /// <summary>A right password from the address: its slate is clean.</summary>
    public void Succeeded(string address) => _addresses.TryRemove(address, out _);

    /// <summary>Whether a login that does not exist is "locked" now, as an account would be after as many tries.</summary>
    public bool UnknownIsLocked(string login) =>
        _unknown.TryGetValue(login.ToUpperInvariant(), out var state) && state.LockedUntil > clock.GetUtcNow();

    /// <summary>Counts a try at a login that does not exist; true when it "locks", as an account would.</summary>
    public bool UnknownFailed(string login)
    {
        var now = clock.GetUtcNow();
        var state = _unknown.AddOrUpdate(login.ToUpperInvariant(),
            _ => (1, DateTimeOffset.MinValue),
            (_, s) => s.LockedUntil > now ? s : (s.Failures + 1 >= AccountPolicy.MaxFailedAttempts ? (0, now + AccountPolicy.LockoutTime) : (s.Failures + 1, s.LockedUntil)));
        if (_unknown.Count > 10_000)
        {
            foreach (var (key, s) in _unknown)
            {
                if (s.LockedUntil < now)
                {
                    _unknown.TryRemove(key, out _);
                }
            }
        }
        return state.LockedUntil > now;
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed record AddressState(int Failures, DateTimeOffset NotBefore);

    private sealed class Release(Action release) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                release();
            }
        }
    }
}
