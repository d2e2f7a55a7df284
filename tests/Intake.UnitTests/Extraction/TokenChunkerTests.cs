using Intake.Workers.Documents.Extraction;
using Intake.Workers.Documents.Tokens;

namespace Intake.UnitTests.Extraction;

public sealed class TokenChunkerTests
{
    [Theory]
    [InlineData(8, 0)]
    [InlineData(50, 0)]
    [InlineData(50, 10)]
    [InlineData(120, 30)]
    [InlineData(500, 50)]
    [InlineData(1000, 100)]
    public void Prose_chunks_fit_keep_every_word_in_order_and_overlap_within_the_limit(int maxTokens, int overlapTokens)
    {
        var random = new Random(maxTokens + overlapTokens);
        var paragraphs = Enumerable.Range(0, 40).Select(i => ChunkerText.Paragraph(random, i * 100, random.Next(1, 12))).ToList();
        var document = ChunkerText.Document(paragraphs);

        var chunks = TokenChunker.Split(document, maxTokens, overlapTokens);

        ChunkAssertions.AssertWithinLimit(chunks, maxTokens);
        Assert.Equal(paragraphs.SelectMany(ChunkAssertions.Words), ChunkAssertions.WordsWithoutOverlap(chunks, overlapTokens > 0));
        for (var i = 1; i < chunks.Count && overlapTokens > 0; i++)
        {
            var overlap = ChunkAssertions.OverlapWords(chunks[i - 1], chunks[i]);
            var overlapTokenCount = ChunkAssertions.TokensOfLeadingWords(chunks[i], overlap);
            Assert.True(overlap > 0, $"chunk {i} does not overlap the one before");
            Assert.True(overlapTokenCount <= overlapTokens, $"chunk {i} repeats {overlapTokenCount} tokens > {overlapTokens}");
        }
    }

    [Fact]
    public void Overlap_is_whole_sentences_when_a_sentence_fits()
    {
        var random = new Random(5);
        var document = ChunkerText.Document([ChunkerText.Paragraph(random, 0, 200)]);

        var chunks = TokenChunker.Split(document, 200, 40);

        for (var i = 1; i < chunks.Count; i++)
        {
            var overlap = ChunkAssertions.OverlapWords(chunks[i - 1], chunks[i]);
            var previousWords = ChunkAssertions.Words(chunks[i - 1].Content);
            Assert.True(overlap > 0);
            Assert.EndsWith(".", previousWords[^(overlap + 1)]);
        }
    }

    /// <summary>
    /// Every paragraph takes 55–75% of a chunk, so a chunk could always hold one paragraph and part of
    /// the next: ending exactly at paragraph ends shows the preference.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public void Chunks_end_at_paragraph_ends_when_a_paragraph_fills_at_least_half(int overlapTokens)
    {
        var random = new Random(7);
        var number = 0;
        var paragraphs = Enumerable.Range(0, 12).Select(_ => ChunkerText.ParagraphOfTokens(random, ref number, 66, 90)).ToList();

        var chunks = TokenChunker.Split(ChunkerText.Document(paragraphs), 120, overlapTokens);

        ChunkAssertions.AssertWithinLimit(chunks, 120);
        Assert.Equal(paragraphs.Count, chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            Assert.EndsWith(paragraphs[i], chunks[i].Content);
            if (overlapTokens == 0)
            {
                Assert.Equal(paragraphs[i], chunks[i].Content);
            }
        }
    }

    [Fact]
    public void A_paragraph_longer_than_a_chunk_is_split_at_sentence_ends()
    {
        var random = new Random(11);
        var paragraph = ChunkerText.Paragraph(random, 0, 80);

        var chunks = TokenChunker.Split(ChunkerText.Document([paragraph]), 60, 0);

        ChunkAssertions.AssertWithinLimit(chunks, 60);
        Assert.True(chunks.Count > 5);
        Assert.All(chunks, chunk => Assert.EndsWith(".", chunk.Content));
        Assert.Equal(ChunkAssertions.Words(paragraph), ChunkAssertions.WordsWithoutOverlap(chunks, overlapping: false));
    }

    [Fact]
    public void A_sentence_longer_than_a_chunk_is_split_between_words()
    {
        var sentence = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"word{i}")) + ".";

        var chunks = TokenChunker.Split(ChunkerText.Document([sentence]), 40, 8);

        ChunkAssertions.AssertWithinLimit(chunks, 40);
        Assert.Equal(ChunkAssertions.Words(sentence), ChunkAssertions.WordsWithoutOverlap(chunks, overlapping: true));
        Assert.All(chunks, chunk => Assert.Matches(@"^word\d+( word\d+)*\.?$", chunk.Content));
    }

    [Theory]
    [InlineData("abcdefghij")]
    [InlineData("\U0001F600")]
    [InlineData("x\U0001F44D\U0001F3FDy\u6F22")]
    public void A_word_longer_than_a_chunk_is_cut_by_tokens_into_chunks_of_its_own(string unit)
    {
        var giant = string.Concat(Enumerable.Repeat(unit, 3000 / unit.Length));
        var document = ChunkerText.Document([$"Before the word. {giant} After the word."]);

        var chunks = TokenChunker.Split(document, 40, 10);

        ChunkAssertions.AssertWithinLimit(chunks, 40);
        Assert.Equal("Before the word.", chunks[0].Content);
        Assert.Equal("After the word.", chunks[^1].Content);
        Assert.Equal(giant, string.Concat(chunks.Skip(1).SkipLast(1).Select(chunk => chunk.Content)));
    }

    [Fact]
    public void Text_without_spaces_is_cut_after_sentence_terminators()
    {
        var chinese = string.Concat(Enumerable.Range(0, 60).Select(i => $"这是第{i}句话，内容很简单。"));

        var chunks = TokenChunker.Split(ChunkerText.Document([chinese]), 40, 0);

        ChunkAssertions.AssertWithinLimit(chunks, 40);
        Assert.Equal(chinese, string.Concat(chunks.Select(chunk => chunk.Content)));
        Assert.All(chunks, chunk => Assert.EndsWith("。", chunk.Content));
    }

    [Fact]
    public void Chunks_stay_on_one_page_and_take_the_section_title_of_their_first_block()
    {
        var document = new ExtractedDocument(
            [
                new ExtractedBlock("Intro one. Words on page one.", "Intro", 1),
                new ExtractedBlock("Intro two.", "Intro", 1),
                new ExtractedBlock("Methods start on page one.", "Methods", 1),
                new ExtractedBlock("Methods continue on page two.", "Methods", 2),
                new ExtractedBlock("Results on page three.", "Results", 3),
            ],
            PageCount: 3);

        var chunks = TokenChunker.Split(document, 1000, 100);

        Assert.Equal(
            [
                (1, "Intro", "Intro one. Words on page one.\n\nIntro two.\n\nMethods start on page one."),
                (2, "Methods", "Methods continue on page two."),
                (3, "Results", "Results on page three."),
            ],
            chunks.Select(chunk => (chunk.Page ?? 0, chunk.SectionTitle ?? "", chunk.Content)));
    }

    /// <summary>
    /// The first section fills most of a chunk, so the first chunk ends with it; the chunk after it
    /// must then start with the second section's own text, not a tail of the first.
    /// </summary>
    [Fact]
    public void Overlap_does_not_reach_back_into_the_previous_section()
    {
        var random = new Random(13);
        var number = 0;
        var first = ChunkerText.ParagraphOfTokens(random, ref number, 66, 90);
        var second = ChunkerText.Paragraph(random, 100, 30);
        var document = new ExtractedDocument([new ExtractedBlock(first, "First", null), new ExtractedBlock(second, "Second", null)], 0);

        var chunks = TokenChunker.Split(document, 100, 30);

        ChunkAssertions.AssertWithinLimit(chunks, 100);
        Assert.Equal(("First", first), (chunks[0].SectionTitle, chunks[0].Content));
        Assert.Equal("Second", chunks[1].SectionTitle);
        Assert.StartsWith(ChunkAssertions.Words(second)[0] + " ", chunks[1].Content);
        Assert.True(ChunkAssertions.OverlapWords(chunks[1], chunks[2]) > 0, "overlap within a section still applies");
    }

    [Fact]
    public void A_pdf_chunks_page_by_page()
    {
        var document = DocumentTextExtractors.For("application/pdf").Extract(ExtractionFixtures.ThreePagePdf());

        var chunks = TokenChunker.Split(document, 1000, 100);

        Assert.Equal([1, 2, 3], chunks.Select(chunk => chunk.Page ?? 0));
        Assert.Equal(["Introduction", "Introduction", "Results"], chunks.Select(chunk => chunk.SectionTitle));
        Assert.StartsWith(ExtractionFixtures.PdfLine(2, 0, 0), chunks[1].Content);
    }

    [Fact]
    public void Messy_documents_always_respect_the_limit_and_lose_no_text()
    {
        var random = new Random(17);
        for (var round = 0; round < 30; round++)
        {
            var document = ChunkerText.Messy(random, random.Next(1, 12));
            var maxTokens = random.Next(TokenChunker.MinimumMaxTokens, 300);
            var overlapTokens = random.Next(2) == 0 ? 0 : random.Next(0, (maxTokens / 2) + 1);

            var chunks = TokenChunker.Split(document, maxTokens, overlapTokens);

            var context = $"round {round}, max {maxTokens}, overlap {overlapTokens}";
            ChunkAssertions.AssertWithinLimit(chunks, maxTokens);
            var source = ChunkAssertions.WithoutWhitespace(string.Concat(document.Blocks.Select(block => block.Text)));
            var chunked = ChunkAssertions.WithoutWhitespace(string.Concat(chunks.Select(chunk => chunk.Content)));
            if (overlapTokens == 0)
            {
                Assert.True(source == chunked, $"{context}: the chunks are not the document's text");
            }
            else
            {
                Assert.True(chunked.Length >= source.Length, $"{context}: text was lost");
            }
        }
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(100, -1)]
    [InlineData(100, 51)]
    public void Rejects_impossible_sizes(int maxTokens, int overlapTokens) =>
        Assert.Throws<ArgumentOutOfRangeException>(
            () => TokenChunker.Split(ChunkerText.Document(["Some text."]), maxTokens, overlapTokens));
}
