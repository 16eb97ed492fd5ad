using System.ComponentModel.DataAnnotations;

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
