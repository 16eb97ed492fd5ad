namespace Employment.Web;

/// <summary>Marker for the training pages' strings (Resources/TrainingResource*.resx).</summary>
public sealed class TrainingResource;
