using Employment.Core.Search;
using Employment.Kiosk.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Employment.Kiosk.Pages.Kiosk;

/// <summary>
/// The pinyin keyboard's candidates: job words (the taxonomy's and the open positions' titles')
/// whose pinyin or initials start with the letters typed, most used first. Words only, never a
/// position or a person.
/// </summary>
public sealed class WordsModel(PositionTextSearch search) : KioskPageModel
{
    public const int MaxWords = 12;

    public IActionResult OnGet(string? py)
    {
        var letters = py is { Length: > 0 and <= 30 } && py.All(char.IsAsciiLetter) ? py : null;
        return new JsonResult(letters is null ? [] : search.WordsStartingWith(letters, MaxWords));
    }
}
