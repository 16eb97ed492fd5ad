namespace Employment.Web;

/// <summary>Marker for the admin pages' and status pages' strings (Resources/AdminResource*.resx).</summary>
public sealed class AdminResource;
