namespace Employment.Web;

/// <summary>Marker for the strings of the schedules, fairs and follow-up pages (Resources/SchedulingResource*.resx).</summary>
public sealed class SchedulingResource;
