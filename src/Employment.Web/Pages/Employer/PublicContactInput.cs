namespace Employment.Web.Pages.Employer;

/// <summary>The public contact's three fields, as both the registration and the contact page bind them.</summary>
public interface IPublicContactInput
{
    string? PublicContactName { get; }
    string? PublicContactPhone { get; }
    bool PublicContactConsent { get; }
}
