using System.Text;

namespace Employment.Core.Taxonomy;

/// <summary>
/// RFC 4180 reading for the small seed tables: quoted fields, doubled quotes, commas inside quotes.
/// </summary>
internal static class Csv
{
    public static IEnumerable<Dictionary<string, string>> ReadRows(string text)
    {
        var records = Parse(text).ToList();
        if (records.Count == 0)
        {
            yield break;
        }
        var header = records[0];
        foreach (var record in records.Skip(1))
        {
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue;
            }
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                row[header[i]] = i < record.Count ? record[i] : "";
            }
            yield return row;
        }
    }

    private static IEnumerable<List<string>> Parse(string text)
    {
        var field = new StringBuilder();
        var record = new List<string>();
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    yield return record;
                    record = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
