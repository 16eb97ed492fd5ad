using System.Net;
using System.Security.Cryptography;
using Employment.Core.Data;
using Employment.Core.Employers;
using Employment.Core.Positions;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Employment.Tests.Employers;

/// <summary>统一社会信用代码 (GB 32100-2015) on registration, and "verified" only when a reviewer did it.</summary>
[BothStores]
public sealed class CreditCodeTests(CreditCodeTests.Host host) : IClassFixture<CreditCodeTests.Host>
{
    public sealed class Host : AppFactory;

    /// <summary>A fresh well-formed code for a test's registration (each must be unique among live employers).</summary>
    public static string NewValidCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = "91510104" + new string(RandomNumberGenerator.GetBytes(9).Select(b => alphabet[b % 10]).ToArray());
        return body + CreditCode.CheckCharacter(body);
    }

    [Theory]
    [InlineData("91350100M000100Y43", null)]          // the standard's own example
    [InlineData("911100001000128855", null)]
    [InlineData(" 9135 0100-M000100y43 ", null)]      // as typed: spaces, hyphens, small letters
    [InlineData("91350100M000100Y44", "check_character")]
    [InlineData("91350100M000100Y4", "format")]       // 17 characters
    [InlineData("91350100M000100I43", "format")]      // I is not in the alphabet
    public void The_check_character_is_verified(string typed, string? error) =>
        Assert.Equal(error, CreditCode.Check(CreditCode.Normalize(typed)));

    [Fact]
    public async Task Registration_requires_the_code_refuses_a_wrong_one_and_a_duplicate_and_stores_it_normalized()
    {
        var client = host.NewClient();
        var missing = await (await Register(client, code: "")).Content.ReadAsStringAsync();
        Assert.Contains("统一社会信用代码", missing);
        Assert.Contains("此项必填", missing);

        var code = NewValidCode();
        var wrong = code[..^1] + (code[^1] == '0' ? '1' : '0');
        Assert.Contains("校验位不符", await (await Register(client, wrong)).Content.ReadAsStringAsync());

        var typed = code[..4] + " " + code[4..].ToLowerInvariant();
        Assert.Equal(HttpStatusCode.Redirect, (await Register(client, typed)).StatusCode);
        var stored = await host.WithDbAsync(db => db.Employers.AsNoTracking().SingleAsync(e => e.CreditCode == code));
        Assert.Equal(EmployerStatus.Pending, stored.Status);
        Assert.Null(stored.VerifiedUtc);

        var duplicate = await (await Register(client, code)).Content.ReadAsStringAsync();
        Assert.Contains("已被使用", duplicate);
    }

    [Fact]
    public async Task An_imported_employer_nobody_verified_is_not_called_verified()
    {
        var positionId = await host.WithDbAsync(db => db.Positions.Where(p => p.Employer!.Status == EmployerStatus.Approved && p.Employer.VerifiedUtc == null)
            .Select(p => p.Id).FirstAsync());
        var counselor = await host.SignedInAsAsync(Roles.Counselor, areas: ["510104023"]);

        var html = await (await counselor.GetAsync($"/Counselor/Review/Position/{positionId}")).Content.ReadAsStringAsync();

        Assert.Contains("已登记（未经审核）", html);
        Assert.DoesNotContain("已认证", html);
    }

    private static Task<HttpResponseMessage> Register(HttpClient client, string code)
    {
        var login = "firm-" + Guid.NewGuid().ToString("N")[..8];
        return client.PostFormAsync("/Employer/Register", new()
        {
            ["Input.Name"] = "成都信用代码测试有限公司" + login, ["Input.CreditCode"] = code, ["Input.ContactName"] = "赵经理",
            ["Input.ContactPhone"] = "028-8666 1234", ["Input.Address"] = "锦江区东大街2号", ["Input.Login"] = login,
            ["Input.Password"] = "a long enough phrase", ["Input.ConfirmPassword"] = "a long enough phrase",
        });
    }
}
