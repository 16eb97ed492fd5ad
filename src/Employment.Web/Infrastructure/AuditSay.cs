using System.Globalization;
using Employment.Core.Data;
using Employment.Core.Domain;
using Microsoft.Extensions.Localization;

namespace Employment.Web.Infrastructure;

/// <summary>
/// The one place an audit detail becomes a sentence: its code looked up in AuditResource
/// ("AuditDetail_" + code, zh-CN and English), each value said in the reader's terms — a word the
/// resources name ("AuditWord_" + value: roles, channels, ledger sections, yes/no), a changed field
/// by the register's own field names, an instant in the district's time. Entries written before
/// codes show their free text as it was recorded.
/// </summary>
public sealed class AuditSay(IStringLocalizer<AuditResource> text, IStringLocalizer<TalentPoolResource> fields, TimeProvider clock)
{
    public string Detail(AuditEntry entry) => Detail(entry.Detail, AuditDetail.From(entry));

    public string Detail(string? freeText, AuditDetail? detail)
    {
        if (detail is null)
        {
            return freeText ?? "";
        }
        if (detail.Code == AuditDetails.FieldsChanged)
        {
            var names = detail.Arguments.Select(f => fields["Field_" + f] is { ResourceNotFound: false } name ? name.Value : f);
            return text["AuditDetail_" + detail.Code, string.Join(text["ListSeparator"].Value, names)];
        }
        var sentence = text["AuditDetail_" + detail.Code, [.. detail.Arguments.Select(Value)]];
        // A code this build has no sentence for (written by a newer one): the code and its values.
        return sentence.ResourceNotFound ? detail.ToString() : sentence.Value;
    }

    private string Value(string value)
    {
        if (value.Length == 0)
        {
            return value;
        }
        if (value.Length == 20 && value[10] == 'T' && value[19] == 'Z'
            && DateTime.TryParseExact(value, AuditDetail.InstantFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
        return text["AuditWord_" + value] is { ResourceNotFound: false } word ? word.Value : value;
    }
}
