using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Employment.Core.Domain;
using Employment.Core.Taxonomy;

namespace Employment.Core.Interchange;

public static partial class DatasetReader
{
    // The fields of one JSON object, each fault reported against the record and the field's path.
    // Absent and JSON null mean the same: exporters differ in which one they write for "no value".
    private sealed class RecordFields
    {
        private readonly JsonElement _json;
        private readonly string _record;
        private readonly string _path;
        private readonly List<DatasetError> _errors;

        public RecordFields(JsonElement json, string record, string path, List<DatasetError> errors)
        {
            (_json, _record, _path, _errors) = (json, record, path, errors);
            // JSON lets a field appear twice and the reader would quietly take one; in a dataset that
            // is a mistake worth naming, and here it can be named by record and field.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in json.EnumerateObject())
            {
                string name;
                try
                {
                    name = property.Name;
                }
                catch (InvalidOperationException)
                {
                    Error("", "a field's name " + InputRules.Describe(TextProblems.LoneSurrogate, 0));
                    continue;
                }
                if (!seen.Add(name))
                {
                    Error(Echo(name), "is given more than once");
                }
            }
        }

        public string Record => _record;

        public void Error(string field, string message) => _errors.Add(new DatasetError(_record, _path + field, message));

        public RecordFields Nested(JsonElement element, string field) => new(element, _record, _path + field + ".", _errors);

        public bool Has(string field) => TryGet(field, out _);

        public bool IsEmptyList(string field) =>
            TryGet(field, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0;

        public string? RequiredString(string field, int max, bool multiline = false)
        {
            if (!TryGet(field, out var value))
            {
                Error(field, "required");
                return null;
            }
            var text = AsString(field, value, multiline);
            if (text is not null && string.IsNullOrWhiteSpace(text))
            {
                Error(field, "must not be empty");
                return null;
            }
            return Bounded(field, text, max);
        }

        /// <summary>Blank counts as absent, so a record reads back the same after writing.</summary>
        public string? OptionalString(string field, int max, bool multiline = false)
        {
            var text = TryGet(field, out var value) ? AsString(field, value, multiline) : null;
            return string.IsNullOrWhiteSpace(text) ? null : Bounded(field, text, max);
        }

        private string? Bounded(string field, string? text, int max)
        {
            if (text is not null && text.Length > max)
            {
                Error(field, $"{InputRules.Describe(TextProblems.TooLong, max)}: it has {text.Length}");
                return null;
            }
            return text;
        }

        public bool Bool(string field, bool fallback)
        {
            if (!TryGet(field, out var value))
            {
                return fallback;
            }
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }
            Error(field, $"must be true or false, not {KindOf(value)}");
            return fallback;
        }

        public T? RequiredNumber<T>(string field, NumberRange range) where T : struct, INumber<T>
        {
            if (!Has(field))
            {
                Error(field, "required");
                return null;
            }
            return Number<T>(field, range);
        }

        /// <summary>The fallback when absent; null when absent without fallback, or when the value is bad.</summary>
        public T? Number<T>(string field, NumberRange range, T? fallback = null) where T : struct, INumber<T>
        {
            if (!TryGet(field, out var value))
            {
                return fallback;
            }
            var wholeNumber = typeof(T) == typeof(int);
            if (value.ValueKind != JsonValueKind.Number)
            {
                Error(field, $"must be {(wholeNumber ? "a whole number" : "a number")}, not {KindOf(value)}");
                return null;
            }
            if (!TryGetNumber(value, out T number))
            {
                Error(field, wholeNumber && !IsWhole(value)
                    ? $"must be a whole number, not {value.GetRawText()}"
                    : $"is out of range: {value.GetRawText()}");
                return null;
            }
            if (!range.Contains(double.CreateChecked(number)))
            {
                Error(field, $"{range.Describe()}, not {value.GetRawText()}");
                return null;
            }
            return number;
        }

        public string? RequiredWord(string field, string what, IReadOnlyCollection<string> allowed)
        {
            if (!Has(field))
            {
                Error(field, "required");
                return null;
            }
            return Word(field, what, allowed, fallback: null);
        }

        /// <summary>One of the contract's lower-case names for an enum; the fallback when absent.</summary>
        public string? Word(string field, string what, IReadOnlyCollection<string> allowed, string? fallback)
        {
            if (!TryGet(field, out var value))
            {
                return fallback;
            }
            var word = AsString(field, value);
            if (word is null || allowed.Contains(word))
            {
                return word;
            }
            Error(field, UnknownWord(what, word, allowed));
            return null;
        }

        public List<string> Words(string field, string what, IReadOnlyCollection<string> allowed) =>
            StringList(field, word => allowed.Contains(word) ? null : UnknownWord(what, word, allowed));

        /// <summary>Ids that must name records of <paramref name="kind"/> read earlier in the file.</summary>
        public List<string> References(string field, string kind, IReadOnlyDictionary<string, string> known) =>
            StringList(field, id => known.ContainsKey(id) ? null : $"no {kind} has the id '{Echo(id)}'");

        public List<string> Codes(string field, TaxonomyKind kind, Taxonomy.Taxonomy taxonomy) =>
            StringList(field, code => taxonomy.IsKnown(code, kind) ? null : $"unknown {kind.ToString().ToLowerInvariant()} code '{Echo(code)}'");

        public DateOnly? Date(string field)
        {
            if (!TryGet(field, out var value) || AsString(field, value) is not { } text)
            {
                return null;
            }
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            Error(field, $"must be a date YYYY-MM-DD, not '{Echo(text)}'");
            return null;
        }

        public LocationRecord? Location(string field, bool required)
        {
            if (!TryObject(field, required, out var element))
            {
                return null;
            }
            var location = Nested(element, field);
            var lat = location.RequiredNumber<double>("lat", NumberRange.Between(-90, 90));
            var lon = location.RequiredNumber<double>("lon", NumberRange.Between(-180, 180));
            return new LocationRecord
            {
                Lat = lat ?? 0,
                Lon = lon ?? 0,
                Address = location.OptionalString("address", InputRules.AddressMax),
                DivisionCode = location.OptionalString("divisionCode", DivisionCodeMax),
            };
        }

        public bool TryObject(string field, bool required, out JsonElement element)
        {
            if (!TryGet(field, out element))
            {
                if (required)
                {
                    Error(field, "required");
                }
                return false;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error(field, $"must be an object, not {KindOf(element)}");
                return false;
            }
            return true;
        }

        /// <summary>The objects of a list with their places (<c>members[0]</c>); an absent list is empty.</summary>
        public List<(JsonElement Element, string Place)> ObjectItems(string field)
        {
            var items = new List<(JsonElement, string)>();
            foreach (var (element, place) in Items(field))
            {
                if (element.ValueKind == JsonValueKind.Object)
                {
                    items.Add((element, place));
                }
                else
                {
                    Error(place, $"must be an object, not {KindOf(element)}");
                }
            }
            return items;
        }

        private List<string> StringList(string field, Func<string, string?> problemOf)
        {
            var list = new List<string>();
            foreach (var (element, place) in Items(field))
            {
                var text = AsString(place, element);
                if (text is null)
                {
                    continue;
                }
                var problem = problemOf(text) ?? (list.Contains(text) ? $"'{Echo(text)}' is listed twice" : null);
                if (problem is null)
                {
                    list.Add(text);
                }
                else
                {
                    Error(place, problem);
                }
            }
            return list;
        }

        private IEnumerable<(JsonElement Element, string Place)> Items(string field)
        {
            if (!TryGet(field, out var value))
            {
                return [];
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                Error(field, $"must be a list, not {KindOf(value)}");
                return [];
            }
            return value.EnumerateArray().Select((element, i) => (element, $"{field}[{i}]")).ToList();
        }

        private string? AsString(string field, JsonElement value, bool multiline = false)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                string text;
                try
                {
                    text = value.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    // An escaped lone surrogate ("\ud800") is valid JSON but no text .NET can hold.
                    Error(field, InputRules.Describe(TextProblems.LoneSurrogate, 0));
                    return null;
                }
                // Length is the caller's (it knows the field); what no field may hold is checked here.
                if (InputRules.TextProblem(text, int.MaxValue, multiline) is { } problem)
                {
                    Error(field, InputRules.Describe(problem, 0));
                    return null;
                }
                return text;
            }
            Error(field, $"must be a string, not {KindOf(value)}");
            return null;
        }

        private bool TryGet(string field, out JsonElement value) =>
            _json.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

        // The record types decide: int for counts, decimal keeps money exact, double for measures.
        private static bool TryGetNumber<T>(JsonElement value, out T number) where T : struct, INumber<T>
        {
            bool parsed;
            if (typeof(T) == typeof(int))
            {
                // 3.0 is the same JSON number as 3, and some exporters write whole numbers that way.
                parsed = IsWhole(value) && value.GetDouble() is >= int.MinValue and <= int.MaxValue;
                number = parsed ? T.CreateChecked((int)value.GetDouble()) : T.Zero;
            }
            else if (typeof(T) == typeof(decimal))
            {
                parsed = value.TryGetDecimal(out var money);
                number = T.CreateChecked(money);
            }
            else
            {
                // An overlong exponent reads as infinity rather than failing.
                parsed = value.TryGetDouble(out var measure) && double.IsFinite(measure);
                number = parsed ? T.CreateChecked(measure) : T.Zero;
            }
            return parsed;
        }

        /// <summary>A record's <c>minAge</c> and <c>maxAge</c> (a position's, a course's): each optional, the first not above the second.</summary>
        public (int? Min, int? Max) AgeBounds()
        {
            var minAge = Number<int>("minAge", NumberRange.Age);
            var maxAge = Number<int>("maxAge", NumberRange.Age);
            if (minAge > maxAge)
            {
                Error("minAge", $"must not be above maxAge {maxAge}, not {minAge}");
            }
            return (minAge, maxAge);
        }

        private static bool IsWhole(JsonElement value) =>
            value.TryGetDouble(out var real) && double.IsFinite(real) && real == Math.Truncate(real);

        private static string UnknownWord(string what, string word, IReadOnlyCollection<string> allowed) =>
            $"unknown {what} '{Echo(word)}'; the contract's are {string.Join(", ", allowed)}";
    }

    private const int DivisionCodeMax = 12;

    /// <summary>System.Text.Json's own limit (JsonDocumentOptions.MaxDepth 0 means 64).</summary>
    private const int DefaultMaxDepth = 64;

    /// <summary>A value as an error message repeats it: a 5-million-character name is not printed back whole.</summary>
    private static string Echo(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>An allowed span of numbers, with the words that tell a person what is allowed.</summary>
    private readonly record struct NumberRange(double Min, double? Max, bool MinExcluded)
    {
        public static NumberRange Age => Between(InputRules.AgeMin, InputRules.AgeMax);
        public static NumberRange AtLeast(double min) => new(min, null, false);
        public static NumberRange Between(double min, double max) => new(min, max, false);
        public static NumberRange Positive(double? max = null) => new(0, max, true);

        public bool Contains(double value) =>
            (MinExcluded ? value > Min : value >= Min) && (Max is not { } max || value <= max);

        public string Describe()
        {
            var low = MinExcluded ? $"more than {Format(Min)}" : $"at least {Format(Min)}";
            return Max switch
            {
                null => $"must be {low}",
                { } max when MinExcluded => $"must be {low} and at most {Format(max)}",
                { } max => $"must be between {Format(Min)} and {Format(max)}",
            };
        }

        private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
