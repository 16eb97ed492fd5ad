namespace Employment.Web.Pages.Admin;

/// <summary>Page numbers for a list: clamped, so ?p=-3 or ?p=99999 still lands on a real page.</summary>
public readonly record struct Paging(int Number, int Size, int Total)
{
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);
    public int Skip => (Number - 1) * Size;
    public bool HasPrevious => Number > 1;
    public bool HasNext => Number < Pages;

    public static Paging Of(int requested, int size, int total)
    {
        var pages = Math.Max(1, (total + size - 1) / size);
        return new Paging(Math.Clamp(requested, 1, pages), size, total);
    }
}
