namespace Employment.Web;

/// <summary>Marker for the one sentence of each audit detail code (Resources/AuditResource*.resx), in zh-CN and English.</summary>
public sealed class AuditResource;
