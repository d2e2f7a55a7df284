namespace Intake.Persistence;

/// <summary>One column of a <see cref="RowInsert"/>: how to read its provider value from the entity, and its store type.</summary>
internal sealed record RowInsertColumn(Func<object, object?> Read, string StoreType);
