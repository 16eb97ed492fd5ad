using Lucene.Net.Documents;

namespace Employment.Core.Search;

/// <summary>What one kind of profile looks like as a Lucene document.</summary>
internal interface IDocumentSchema<TProfile> where TProfile : class
{
    /// <summary>Changes whenever fields change meaning: an index with another version must be rebuilt.</summary>
    string Version { get; }
    string IdOf(TProfile profile);
    void AddFields(Document document, TProfile profile);
    byte[] Serialize(TProfile profile);
    TProfile Deserialize(byte[] bytes);
    /// <summary>Sees every profile the index holds, whether added now or loaded at open.</summary>
    void Observe(TProfile profile);
}

internal static class FieldNames
{
    public const string Id = "id";
    public const string Slot = "slot";
    public const string Profile = "profile";
    public const string WatermarkKey = "watermark";
    public const string SchemaKey = "schema";
}
