namespace Employment.Kiosk;

/// <summary>Anchor type for the kiosk's own strings (Resources/KioskResource.*.resx; zh-CN is the neutral one).</summary>
public sealed class KioskResource;
