using CsvHelper;

namespace Employment.Core.Taxonomy;

/// <summary>
/// The small seed tables read by header name through CsvHelper (RFC 4180: quoted fields, doubled
/// quotes, commas inside quotes). Its defaults are what these tables need: empty lines skipped, and
/// a column a row lacks reads as empty (the optional columns, related and meaning, are often left
/// off at the end of a line).
/// </summary>
internal static class Csv
{
    public static IEnumerable<Dictionary<string, string>> ReadRows(string text)
    {
        using var csv = CsvReader.Create(new StringReader(text), CsvReaderOptions.Default, false);
        var header = csv.Headers.ToList();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                row[header[i]] = csv.GetString(i);
            }
            yield return row;
        }
    }
}
