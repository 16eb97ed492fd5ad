namespace Employment.Web;

/// <summary>Marker for the talent-pool register's and the person-rights pages' strings (Resources/TalentPoolResource*.resx).</summary>
public sealed class TalentPoolResource;
