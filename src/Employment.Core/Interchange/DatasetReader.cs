using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Employment.Core.Domain;
using Employment.Core.Taxonomy;

namespace Employment.Core.Interchange;

/// <summary>What reading a dataset gave: the dataset when it keeps the contract, and every fault found.</summary>
public sealed class DatasetReadResult
{
    internal DatasetReadResult(Dataset? dataset, IReadOnlyList<DatasetError> errors)
    {
        Dataset = errors.Count == 0 ? dataset : null;
        Errors = errors;
    }

    /// <summary>Null unless <see cref="IsValid"/>: a half-read dataset is never handed out.</summary>
    public Dataset? Dataset { get; }

    public IReadOnlyList<DatasetError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Dataset))]
    public bool IsValid => Dataset is not null;

    /// <summary>The dataset, or a <see cref="DatasetException"/> carrying every error.</summary>
    public Dataset EnsureValid() => IsValid ? Dataset : throw new DatasetException(Errors);
}

/// <summary>
/// Reads and validates an "employment-dataset/1" document (interchange.md). The JSON is walked by
/// hand rather than deserialised so that every wrong type, missing field and bad value becomes its
/// own <see cref="DatasetError"/> naming the record and field, and all of them are reported at once.
/// </summary>
public static partial class DatasetReader
{
    private const string DatasetRecord = "dataset";
    private const string RemoteWork = "remote_work";
    private static readonly IReadOnlyCollection<string> Statuses = ["open", "closed"];

    /// <param name="today">The day birth dates in resident IDs may not be after.</param>
    public static DatasetReadResult Read(Stream utf8Json, Taxonomy.Taxonomy taxonomy, DateOnly today)
    {
        var text = ReadAllBytes(utf8Json);
        if (LineOfFirstNonUtf8Byte(text.Span) is { } badLine)
        {
            return Refused($"not UTF-8 text at line {badLine}: save the file as UTF-8");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            return Refused($"nested too deep: more than {DefaultMaxDepth} levels of lists and objects{where}");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            return Refused($"not valid JSON{where}");
        }
        using (document)
        {
            var session = new ReadSession(taxonomy, today);
            try
            {
                var dataset = session.ReadDataset(document.RootElement);
                return new DatasetReadResult(dataset, session.Errors);
            }
            catch (InvalidOperationException)
            {
                // Text the JSON parser accepts but .NET cannot hold (an escaped lone surrogate where
                // no field check reached it, e.g. in a field's name): refused, never a crash.
                return new DatasetReadResult(null, [.. session.Errors, new DatasetError(DatasetRecord, "", "holds text that is not valid Unicode (a lone \\uD800–\\uDFFF escape)")]);
            }
        }
    }

    public static DatasetReadResult ReadFile(string path, Taxonomy.Taxonomy taxonomy, DateOnly today)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, taxonomy, today);
    }

    private static DatasetReadResult Refused(string message) =>
        new(null, [new DatasetError(DatasetRecord, "", message)]);

    private static ReadOnlyMemory<byte> ReadAllBytes(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        ReadOnlyMemory<byte> bytes = buffer.ToArray();
        return bytes.Span.StartsWith(Utf8ByteOrderMark) ? bytes[Utf8ByteOrderMark.Length..] : bytes;
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    // Spreadsheets in China often save GBK. The JSON parser would accept such bytes inside strings and
    // fail only when a string is read, so the encoding is checked first and the fault put plainly.
    private static int? LineOfFirstNonUtf8Byte(ReadOnlySpan<byte> text)
    {
        if (Utf8.IsValid(text))
        {
            return null;
        }
        var offset = 0;
        while (Rune.DecodeFromUtf8(text[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return text[..offset].Count((byte)'\n') + 1;
    }

    // One reading of one document: the error list and the ids seen so far, for uniqueness and references.
    private sealed partial class ReadSession(Taxonomy.Taxonomy taxonomy, DateOnly today)
    {
        public List<DatasetError> Errors { get; } = [];

        private readonly Dictionary<string, string> _employerPlaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _positionPlaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _householdPlaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _personHouseholds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _residentIdHolders = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _publicSector = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _coursePlaces = new(StringComparer.Ordinal);

        public Dataset ReadDataset(JsonElement root)
        {
            var dataset = new Dataset();
            if (root.ValueKind != JsonValueKind.Object)
            {
                Errors.Add(new DatasetError(DatasetRecord, "", $"must be a JSON object, not {KindOf(root)}"));
                return dataset;
            }
            var fields = new RecordFields(root, DatasetRecord, "", Errors);

            var format = fields.RequiredString("format", 64);
            if (format is not null && format != Dataset.FormatName)
            {
                fields.Error("format", $"must be '{Dataset.FormatName}', not '{Echo(format)}'");
            }
            if (fields.TryObject("region", required: true, out var region))
            {
                dataset.Region = ReadRegion(new RecordFields(region, "region", "", Errors));
            }
            // Employers first, whatever their place in the file, so positions can be checked against them.
            foreach (var (element, place) in fields.ObjectItems("employers"))
            {
                dataset.Employers.Add(ReadEmployer(new RecordFields(element, RecordName(element, "employer", place), "", Errors), place));
            }
            foreach (var (element, place) in fields.ObjectItems("positions"))
            {
                dataset.Positions.Add(ReadPosition(new RecordFields(element, RecordName(element, "position", place), "", Errors), place));
            }
            foreach (var (element, place) in fields.ObjectItems("households"))
            {
                dataset.Households.Add(ReadHousehold(new RecordFields(element, RecordName(element, "household", place), "", Errors), place));
            }
            // Optional: a dataset without courses keeps the contract.
            foreach (var (element, place) in fields.ObjectItems("courses"))
            {
                dataset.Courses.Add(ReadCourse(new RecordFields(element, RecordName(element, "course", place), "", Errors), place));
            }
            return dataset;
        }

        private static string ReadUniqueId(RecordFields fields, string place, Dictionary<string, string> seen)
        {
            var id = fields.RequiredString("id", InputRules.IdMax);
            if (id is null)
            {
                return "";
            }
            if (!seen.TryAdd(id, place))
            {
                fields.Error("id", $"is not unique: {seen[id]} has it too");
            }
            return id;
        }

        // A person looks for "position P-3", not for "positions[2]"; the place serves only when the id is unusable.
        private static string RecordName(JsonElement element, string kind, string place) =>
            UsableId(element) is { } id ? $"{kind} {id}" : place;

        private static string? UsableId(JsonElement element) =>
            element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(id.GetString())
                ? id.GetString()
                : null;
    }
}
