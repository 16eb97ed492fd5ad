using Employment.Web.Infrastructure;

// The content root is the build output (appsettings, static assets), wherever the host is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// That build output has no wwwroot: the static web assets manifest beside it maps /css, /js and the
// kiosk's /_content/… to their sources. ASP.NET Core reads it by itself only in Development; a
// published folder has no manifest and its own wwwroot, so this changes nothing there.
builder.WebHost.UseStaticWebAssets();

builder.AddData();
// Chinese text as text, not as &#x…; entities: pages are half the size and readable in source.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.AddSearch();
builder.AddAccounts();
builder.AddClientIdentity();
builder.AddRateLimits();
builder.AddScheduling();
builder.AddLocalizationSupport();
builder.AddHealth();
builder.AddKiosk();
builder.AddOutcomes();
builder.AddEmployerPortal();
builder.AddCounselor();
builder.AddTraining();
builder.AddStaffSecurity();
builder.AddPersonalDataAudit();
builder.Services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization(o =>
    o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Employment.Web.SharedResource)));

var app = builder.Build();

var demoLoaded = await app.InitializeDataAsync();
await app.SeedDemoAccountsAsync(demoLoaded);

app.UseClientIdentity();
app.UseStaffSecurity();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
// Every read of personal data and every refusal a staff member meets, audited in one place.
app.UsePersonalDataAudit();
app.UseAuthorization();
app.MapHealth();
app.MapPublicApi();
app.MapKiosk();
app.MapEmployerPortal();
app.MapCounselorApi();
app.MapStaffSecurity();
app.MapRazorPages();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
