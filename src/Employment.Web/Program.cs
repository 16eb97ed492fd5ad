using Employment.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddData();
builder.AddLocalizationSupport();
builder.AddHealth();
builder.Services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization(o =>
    o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Employment.Web.SharedResource)));

var app = builder.Build();

await app.InitializeDataAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.MapHealth();
app.MapPublicApi();
app.MapRazorPages();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
