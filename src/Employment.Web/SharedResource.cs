namespace Employment.Web;

/// <summary>Anchor type for the strings shared by every page (Resources/SharedResource.*.resx).</summary>
public sealed class SharedResource;
