using System.Text.Json;
using Microsoft.Playwright;

namespace Employment.Kiosk.Tests;

/// <summary>What several tests do to a page: axe-core, target sizes, a scan for personal data.</summary>
public static class Pages
{
    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "assets", "axe-core", "axe.min.js")));

    /// <summary>Every kiosk page a person can reach without signing in, as paths.</summary>
    public static readonly string[] Anonymous =
    [
        "/kiosk",
        "/kiosk/streets",
        "/kiosk/positions",
        "/kiosk/positions?group=cleaning&street=510104018&sort=distance",
        "/kiosk/positions?near=1&street=510104018",
        "/kiosk/positions?access=wheelchair&page=2",
        "/kiosk/positions?pw=1&sort=pay",
        "/kiosk/positions?q=%E4%BF%9D%E6%B4%81",
        "/kiosk/positions?q=zzzzqqq",
        "/kiosk/positions?q=%E6%8A%A5%E5%AE%89&sort=pay",
        "/kiosk/courses",
        "/kiosk/courses?street=510104018",
        "/kiosk/courses?q=%E7%94%B5%E5%B7%A5",
        "/kiosk/courses?q=zzzzqqq&street=510104018",
        "/kiosk/signin",
        "/kiosk/end",
    ];

    /// <summary>axe-core (vendored from npm) with WCAG 2.2 AA and the 7:1 contrast rule: serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> AxeAsync(IPage page) => await AxeAsync(page, enhancedContrast: true);

    /// <summary>
    /// The same run; <paramref name="enhancedContrast"/> off for the staff pages, which are held to
    /// WCAG AA (4.5:1), not the kiosk's 7:1 for readers at a public screen.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeAsync(IPage page, bool enhancedContrast)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }
        var json = await page.EvaluateAsync<string>(@"async () => {
            const r = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                rules: { 'color-contrast-enhanced': { enabled: " + (enhancedContrast ? "true" : "false") + @" } }
            });
            return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')));
        }");
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    /// <summary>Every visible link, button, input and select smaller than 60 × 60 CSS px.</summary>
    public static async Task<IReadOnlyList<string>> SmallTargetsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(@"() => {
            const small = [];
            for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [role=button], summary')) {
                const r = el.getBoundingClientRect();
                const style = getComputedStyle(el);
                if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
                if (r.width < 59.5 || r.height < 59.5) {
                    small.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + el.className) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' ' + (el.textContent || '').trim().slice(0, 20));
                }
            }
            return JSON.stringify(small);
        }");
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    /// <summary>All that a later visitor could find of the page: its text, its attributes, its storage and cookies.</summary>
    public static async Task<string> TraceAsync(IPage page)
    {
        var dom = await page.EvaluateAsync<string>("() => document.documentElement.outerHTML + '\\n' + document.body.innerText");
        var storage = await page.EvaluateAsync<string>(@"() => {
            const dump = s => { const o = {}; for (let i = 0; i < s.length; i++) { const k = s.key(i); o[k] = s.getItem(k); } return JSON.stringify(o); };
            return dump(localStorage) + dump(sessionStorage) + document.cookie;
        }");
        var cookies = await page.Context.CookiesAsync();
        return dom + "\n" + storage + "\n" + string.Join("\n", cookies.Select(c => c.Name + "=" + c.Value));
    }
}
