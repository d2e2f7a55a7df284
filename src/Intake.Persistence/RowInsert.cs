using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Intake.Persistence;

/// <summary>
/// One entity type's INSERT, generated from the EF model: every mapped column but identity
/// columns (the database assigns those), each value through the property's value converter and
/// sent with the column's store type.
/// </summary>
internal sealed class RowInsert
{
    private readonly string _sql;
    private readonly IReadOnlyList<RowInsertColumn> _columns;

    private RowInsert(string sql, IReadOnlyList<RowInsertColumn> columns)
    {
        _sql = sql;
        _columns = columns;
    }

    public NpgsqlBatchCommand Command(object entity)
    {
        var command = new NpgsqlBatchCommand(_sql);
        foreach (var column in _columns)
        {
            command.Parameters.Add(new NpgsqlParameter { DataTypeName = column.StoreType, Value = column.Read(entity) ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>
    /// The INSERT for <paramref name="entityType"/>, or null when SaveChanges must write it (see
    /// <see cref="AddedRowsWriter"/>). A type with a foreign key is among those: SaveChanges orders
    /// a batch's inserts principal first, and the writer keeps the change tracker's order.
    /// </summary>
    public static RowInsert? For(IEntityType entityType)
    {
        var table = entityType.GetTableName();
        if (table is null || entityType.GetDiscriminatorPropertyName() is not null || entityType.IsOwned()
            || entityType.GetForeignKeys().Any())
        {
            return null;
        }

        var schema = entityType.GetSchema();
        var store = StoreObjectIdentifier.Table(table, schema);
        var names = new List<string>();
        var columns = new List<RowInsertColumn>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.IsShadowProperty() || property.IsConcurrencyToken
                || property.GetDefaultValueSql() is not null || property.FindAnnotation(RelationalAnnotationNames.DefaultValue) is not null
                || property.GetComputedColumnSql() is not null)
            {
                // SaveChanges decides per row whether such a column is sent; not worth copying.
                return null;
            }

            if (property.GetValueGenerationStrategy() is not NpgsqlValueGenerationStrategy.None)
            {
                continue;
            }

            var mapping = property.GetRelationalTypeMapping();
            var getter = property.GetGetter();
            var converter = mapping.Converter;
            names.Add(property.GetColumnName(store) ?? throw new InvalidOperationException($"{entityType.DisplayName()}.{property.Name} has no column in {table}."));
            columns.Add(new RowInsertColumn(
                entity =>
                {
                    var value = getter.GetClrValueUsingContainingEntity(entity);
                    return value is not null && converter is not null ? converter.ConvertToProvider(value) : value;
                },
                mapping.StoreTypeNameBase));
        }

        var sql = new StringBuilder("INSERT INTO ").Append(schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}").Append(" (")
            .AppendJoin(", ", names.Select(Quote))
            .Append(") VALUES (")
            .AppendJoin(", ", Enumerable.Range(1, names.Count).Select(i => $"${i}"))
            .Append(')')
            .ToString();
        return new RowInsert(sql, columns);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
