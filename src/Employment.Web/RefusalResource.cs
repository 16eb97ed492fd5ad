namespace Employment.Web;

/// <summary>Marker for the one sentence of each Core refusal code (Resources/RefusalResource*.resx), in zh-CN and English.</summary>
public sealed class RefusalResource;
