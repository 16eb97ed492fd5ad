namespace Employment.Web;

/// <summary>Anchor type for the strings of the exit, report and big-screen pages (Resources/OutcomesResource.*.resx).</summary>
public sealed class OutcomesResource;
