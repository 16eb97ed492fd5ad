using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Employment.Web.Pages.Screen;

/// <summary>One bar or point: a label, its value (null when withheld) and the text shown for it.</summary>
public sealed record ChartItem(string Label, double? Value, string Display);

/// <summary>
/// Charts drawn on the server as SVG: nothing to download, nothing to run, sharp at any size. Colours
/// and fonts come from screen.css through class names (no style attributes, for the CSP).
/// A withheld value draws no bar, only its text, so its size cannot be read off the picture.
/// </summary>
public static class SvgCharts
{
    public static IHtmlContent Columns(string title, IReadOnlyList<ChartItem> items, int width, int height, string css = "bars")
    {
        var sb = Open(title, width, height, css);
        const int top = 60, bottom = 70, side = 30;
        var plotHeight = height - top - bottom;
        var max = Max(items);
        var slot = (width - 2.0 * side) / Math.Max(1, items.Count);
        var barWidth = Math.Min(140, slot * 0.6);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var cx = side + slot * (i + 0.5);
            var h = item.Value is { } v ? plotHeight * v / max : 0;
            var y = top + plotHeight - h;
            if (item.Value is not null && h > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar bar-{i % 6}\" x=\"{cx - barWidth / 2:0.#}\" y=\"{y:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\" rx=\"6\"/>");
            }
            var valueClass = item.Value is null ? "value withheld" : "value";
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"{valueClass}\" x=\"{cx:0.#}\" y=\"{Math.Min(y, top + plotHeight) - 12:0.#}\" text-anchor=\"middle\">{Esc(item.Display)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{cx:0.#}\" y=\"{height - bottom + 42:0.#}\" text-anchor=\"middle\">{Esc(item.Label)}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{side}\" y1=\"{top + plotHeight}\" x2=\"{width - side}\" y2=\"{top + plotHeight}\"/>");
        return Close(sb);
    }

    public static IHtmlContent HorizontalBars(string title, IReadOnlyList<ChartItem> items, int width, int height, int labelWidth = 170)
    {
        var sb = Open(title, width, height, "hbars");
        const int top = 60, bottom = 10, valueWidth = 110;
        var max = Max(items);
        var row = (height - top - bottom) / (double)Math.Max(1, items.Count);
        var barHeight = Math.Min(40, row * 0.7);
        var plotWidth = width - labelWidth - valueWidth - 20;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var cy = top + row * (i + 0.5);
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{labelWidth - 12}\" y=\"{cy + 9:0.#}\" text-anchor=\"end\">{Esc(item.Label)}</text>");
            var w = item.Value is { } v ? plotWidth * v / max : 0;
            if (item.Value is not null && w > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar bar-0\" x=\"{labelWidth}\" y=\"{cy - barHeight / 2:0.#}\" width=\"{w:0.#}\" height=\"{barHeight:0.#}\" rx=\"5\"/>");
            }
            var valueClass = item.Value is null ? "value withheld" : "value";
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"{valueClass}\" x=\"{labelWidth + w + 12:0.#}\" y=\"{cy + 10:0.#}\">{Esc(item.Display)}</text>");
        }
        return Close(sb);
    }

    public static IHtmlContent Line(string title, IReadOnlyList<ChartItem> items, int width, int height)
    {
        var sb = Open(title, width, height, "line");
        const int top = 80, bottom = 70, side = 60;
        var plotHeight = height - top - bottom;
        var max = Max(items);
        var step = items.Count > 1 ? (width - 2.0 * side) / (items.Count - 1) : 0;
        var points = new List<(double X, double Y, ChartItem Item)>();
        for (var i = 0; i < items.Count; i++)
        {
            var x = items.Count > 1 ? side + step * i : width / 2.0;
            var y = items[i].Value is { } v ? top + plotHeight - plotHeight * v / max : top + plotHeight;
            points.Add((x, y, items[i]));
        }
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{side - 30}\" y1=\"{top + plotHeight}\" x2=\"{width - side + 30}\" y2=\"{top + plotHeight}\"/>");
        // Only consecutive shown values are joined: a withheld point breaks the line rather than hint at its height.
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i - 1].Item.Value is not null && points[i].Item.Value is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<line class=\"trend\" x1=\"{points[i - 1].X:0.#}\" y1=\"{points[i - 1].Y:0.#}\" x2=\"{points[i].X:0.#}\" y2=\"{points[i].Y:0.#}\"/>");
            }
        }
        foreach (var (x, y, item) in points)
        {
            if (item.Value is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"10\"/>");
            }
            var valueClass = item.Value is null ? "value withheld" : "value";
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"{valueClass}\" x=\"{x:0.#}\" y=\"{y - 22:0.#}\" text-anchor=\"middle\">{Esc(item.Display)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{x:0.#}\" y=\"{height - bottom + 46:0.#}\" text-anchor=\"middle\">{Esc(item.Label)}</text>");
        }
        return Close(sb);
    }

    private static double Max(IReadOnlyList<ChartItem> items)
    {
        var max = items.Select(i => i.Value ?? 0).DefaultIfEmpty(0).Max();
        return max <= 0 ? 1 : max * 1.15;
    }

    private static StringBuilder Open(string title, int width, int height, string css)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart {css}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Esc(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Esc(title)}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-title\" x=\"20\" y=\"40\">{Esc(title)}</text>");
        return sb;
    }

    private static HtmlString Close(StringBuilder sb) => new(sb.Append("</svg>").ToString());

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
