using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Kiosk;

/// <summary>
/// A kiosk an administrator registered: it identifies itself with a device key (sent in a header or
/// cookie), so kiosks behind one NAT or proxy address get their own rate limits. Only the key's
/// SHA-256 is kept; the key is shown once when issued.
/// </summary>
public sealed class KioskDevice
{
    public long Id { get; set; }
    /// <summary>Where the kiosk stands (街道便民服务中心一楼大厅), for the admin's list.</summary>
    [MaxLength(100)] public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    [MaxLength(64)] public required string KeyHash { get; set; }
    /// <summary>The key's first characters, so an admin can tell which key a kiosk holds without the key.</summary>
    [MaxLength(8)] public required string KeyPrefix { get; set; }
    public DateTime IssuedUtc { get; set; }
    [MaxLength(256)] public required string IssuedBy { get; set; }
    public DateTime? RevokedUtc { get; set; }
    [MaxLength(256)] public string? RevokedBy { get; set; }
}

/// <summary>Issues, revokes and recognises kiosk device keys. The key is 32 random bytes; only its SHA-256 is stored.</summary>
public sealed class KioskDevices(Data.AppDbContext db, Data.AuditTrail audit, TimeProvider clock)
{
    public const string AuditEntity = "kiosk-device";

    public static string Hash(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.Trim())));

    /// <summary>A new device and its key, which is shown once and never stored.</summary>
    public async Task<(KioskDevice Device, string Key)> IssueAsync(string? name, string actor, CancellationToken ct = default)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new Domain.RefusalException("kiosk device", "name", Domain.RefusalCodes.Required);
        }
        if (Domain.InputRules.TextProblem(trimmed, 100, multiline: false) is not null)
        {
            throw new Domain.RefusalException("kiosk device", "name", Domain.RefusalCodes.TooLong);
        }
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var device = new KioskDevice
        {
            Name = trimmed, KeyHash = Hash(key), KeyPrefix = key[..6], IssuedUtc = clock.GetUtcNow().UtcDateTime, IssuedBy = actor,
        };
        db.KioskDevices.Add(device);
        await db.SaveChangesAsync(ct);
        audit.Add(actor, "kiosk-device.issue", AuditEntity, device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Data.AuditDetail.Of(Data.AuditDetails.KioskDevice, trimmed));
        await db.SaveChangesAsync(ct);
        return (device, key);
    }

    public async Task<bool> RevokeAsync(long id, string actor, CancellationToken ct = default)
    {
        var device = await db.KioskDevices.FirstOrDefaultAsync(d => d.Id == id && d.RevokedUtc == null, ct);
        if (device is null)
        {
            return false;
        }
        device.RevokedUtc = clock.GetUtcNow().UtcDateTime;
        device.RevokedBy = actor;
        audit.Add(actor, "kiosk-device.revoke", AuditEntity, id.ToString(System.Globalization.CultureInfo.InvariantCulture), Data.AuditDetail.Of(Data.AuditDetails.KioskDevice, device.Name));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The device a key names, if it is issued and not revoked.</summary>
    public async Task<long?> FindAsync(string key, CancellationToken ct = default)
    {
        var hash = Hash(key);
        return await db.KioskDevices.AsNoTracking().Where(d => d.KeyHash == hash && d.RevokedUtc == null).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<KioskDevice>> ListAsync(CancellationToken ct = default) =>
        await db.KioskDevices.AsNoTracking().OrderBy(d => d.RevokedUtc != null).ThenBy(d => d.Name).ToListAsync(ct);
}
