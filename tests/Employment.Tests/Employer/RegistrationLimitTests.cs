using System.Net;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Employment.Tests.Employers;

/// <summary>Registration is anonymous and writes, so it has its own rate limit (429 beyond it).</summary>
[BothStores]
public sealed class RegistrationLimitTests(RegistrationLimitTests.Host host) : IClassFixture<RegistrationLimitTests.Host>
{
    public sealed class Host() : AppFactory(demo: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("EmployerPortal:RegistrationsPerHour", "2");
        }
    }

    [Fact]
    public async Task Registration_posts_beyond_the_hourly_limit_get_429_and_the_form_itself_stays_readable()
    {
        var client = host.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostFormAsync("/Employer/Register", new() { ["Input.Name"] = "", ["Input.Login"] = "x" });
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Employer/Register")).StatusCode);
    }
}
