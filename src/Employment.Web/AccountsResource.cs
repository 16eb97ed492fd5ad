namespace Employment.Web;

/// <summary>Marker for the sign-in pages' strings (Resources/AccountsResource*.resx).</summary>
public sealed class AccountsResource;
