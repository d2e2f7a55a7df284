using Intake.Contracts;
using Intake.Persistence;
using Intake.Persistence.Entities;
using Intake.Persistence.Inbox;
using Intake.Workers.Documents.Tokens;
using Intake.Workers.Training;
using Microsoft.EntityFrameworkCore;

namespace Intake.Workers.Datasets;

/// <summary>Builds a dataset from the chunks of processed documents, inside the inbox transaction.</summary>
public sealed class DatasetBuilder(IntakeDbContext db, TimeProvider clock)
{
    public async Task<object> BuildAsync(GenerateTrainingData command, CancellationToken cancellationToken)
    {
        var ids = command.DocumentIds.ToArray();
        var documents = await db.Documents.AsNoTracking()
            .Where(d => d.UserId == command.UserId && ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.ProcessedAt })
            .ToDictionaryAsync(d => d.Id, cancellationToken);

        foreach (var id in ids)
        {
            if (!documents.TryGetValue(id, out var document))
            {
                throw new PermanentJobFailureException("document-not-found", $"Document {id} does not exist.");
            }

            if (document.ProcessedAt is null)
            {
                throw new DocumentNotReadyException(id);
            }
        }

        var chunks = await db.DocumentChunks.AsNoTracking()
            .Where(c => ids.Contains(c.DocumentId))
            .Select(c => new { c.DocumentId, c.Ordinal, c.Content, c.SectionTitle })
            .ToListAsync(cancellationToken);
        var ordered = chunks
            .OrderBy(c => Array.IndexOf(ids, c.DocumentId)).ThenBy(c => c.Ordinal)
            .Select(c => new SourceChunk(documents[c.DocumentId].Name, c.Ordinal, c.Content, c.SectionTitle));

        var (unique, duplicatesRemoved) = DatasetSplitter.Deduplicate(ExampleGenerator.Generate(command.Format, ordered));
        var examples = command.MaxExamples is { } max ? unique.Take(max).ToList() : unique.ToList();
        if (examples.Count == 0)
        {
            throw new PermanentJobFailureException("no-examples", "The documents yielded no training examples.");
        }

        var splits = examples.Select(e => DatasetSplitter.IsValidation(e, command.ValidationFraction) ? "validation" : "train").ToArray();
        if (!splits.Contains("train"))
        {
            // A dataset with nothing to train on is useless; the first example trains.
            splits[0] = "train";
        }

        // Tokens the model will see per example (its text, not the JSON around it).
        var tokenCounts = examples.Select(e => Cl100kTokenizer.CountTokens(ExampleText.FromJsonLine(e))).ToArray();
        var dataset = new Dataset
        {
            Id = Guid.CreateVersion7(),
            UserId = command.UserId,
            JobId = command.JobId,
            Format = command.Format,
            DocumentIds = [.. ids],
            ExampleCount = examples.Count,
            TrainCount = splits.Count(s => s == "train"),
            ValidationCount = splits.Count(s => s == "validation"),
            DuplicatesRemoved = duplicatesRemoved,
            ValidationFraction = command.ValidationFraction,
            TokensTotal = tokenCounts.Sum(t => (long)t),
            TokensMin = tokenCounts.Min(),
            TokensMean = Math.Round(tokenCounts.Average(), 2),
            TokensMax = tokenCounts.Max(),
            CreatedAt = clock.GetUtcNowForDatabase(),
        };
        db.Datasets.Add(dataset);
        db.DatasetExamples.AddRange(examples.Select((content, i) => new DatasetExample
        {
            DatasetId = dataset.Id,
            Ordinal = i,
            Split = splits[i],
            Content = content,
            TokenCount = tokenCounts[i],
        }));

        return new GenerateTrainingDataResult(dataset.Id, dataset.ExampleCount, dataset.TrainCount, dataset.ValidationCount,
            duplicatesRemoved, dataset.TokensTotal);
    }
}
