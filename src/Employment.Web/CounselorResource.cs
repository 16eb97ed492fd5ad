namespace Employment.Web;

/// <summary>Marker for the counselor pages' and API's strings (Resources/CounselorResource*.resx).</summary>
public sealed class CounselorResource;
