namespace Employment.Web;

/// <summary>Marker for the employer pages' and the review queue's strings (Resources/EmployerResource*.resx).</summary>
public sealed class EmployerResource;
