using Intake.Workers.Documents;

namespace Intake.UnitTests;

/// <remarks>
/// Overlap rule (read from the implementation): after a chunk whose window ended at <c>end</c>
/// (before trimming), the next chunk starts at the first word start at or after <c>end - overlap</c>
/// (whitespace skipped); only when the word there runs on to <c>end</c> does it start exactly at
/// <c>end - overlap</c> (moved past a low surrogate if it lands in a pair). The word adjustment only
/// ever moves the start forward, so two chunks share at most <c>overlap</c> characters.
/// </remarks>
public sealed class TextChunkerTests
{
    private static void AssertInvariants(string text, int size, int overlap, IReadOnlyList<TextChunk> chunks, string context)
    {
        var covered = new bool[text.Length];
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var problem = Check(text, size, chunk, i);
            if (problem is null && i > 0)
            {
                var previous = chunks[i - 1];
                var previousEnd = previous.StartOffset + previous.Content.Length;
                if (chunk.StartOffset <= previous.StartOffset)
                {
                    problem = $"does not advance past the previous chunk's start {previous.StartOffset}";
                }
                else if (previousEnd - chunk.StartOffset > overlap)
                {
                    problem = $"overlaps the previous chunk (ending {previousEnd}) by {previousEnd - chunk.StartOffset} > {overlap}";
                }
            }

            if (problem is not null)
            {
                Assert.Fail($"{context}, chunk {i} at {chunk.StartOffset}: {problem}");
            }

            System.Array.Fill(covered, true, chunk.StartOffset, chunk.Content.Length);
        }

        for (var c = 0; c < text.Length; c++)
        {
            if (!covered[c] && !char.IsWhiteSpace(text[c]))
            {
                Assert.Fail($"{context}: character {c} ('{text[c]}') is in no chunk");
            }
        }
    }

    private static string? Check(string text, int size, TextChunk chunk, int index)
    {
        if (chunk.Ordinal != index)
        {
            return $"ordinal {chunk.Ordinal}";
        }

        if (chunk.Content.Length == 0)
        {
            return "empty";
        }

        if (chunk.Content.Length > size)
        {
            return $"length {chunk.Content.Length} > size {size}";
        }

        if (char.IsWhiteSpace(chunk.Content[0]) || char.IsWhiteSpace(chunk.Content[^1]))
        {
            return "not trimmed";
        }

        if (chunk.StartOffset < 0 || chunk.StartOffset + chunk.Content.Length > text.Length
            || string.CompareOrdinal(text, chunk.StartOffset, chunk.Content, 0, chunk.Content.Length) != 0)
        {
            return "content is not text.Substring(StartOffset, Content.Length)";
        }

        return TestText.IsWellFormedUtf16(chunk.Content) ? null : "splits a surrogate pair";
    }

    [Theory]
    [InlineData(1000, 501)]
    [InlineData(1000, -1)]
    [InlineData(201, 101)]
    [InlineData(200, 101)]
    [InlineData(200, int.MaxValue)]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(-200, -100)]
    public void Split_InvalidSizeOrOverlap_Throws(int size, int overlap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TextChunker.Split("Some text. More text.", size, overlap));

    [Theory]
    [InlineData(1000, 500)]
    [InlineData(201, 100)]
    [InlineData(200, 0)]
    public void Split_OverlapUpToHalfTheSize_IsAccepted(int size, int overlap)
    {
        var text = TestText.Sentences(1, 200);

        var chunks = TextChunker.Split(text, size, overlap);

        Assert.NotEmpty(chunks);
        AssertInvariants(text, size, overlap, chunks, $"size {size}, overlap {overlap}");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n \r\n")]
    [InlineData("\u00A0 \u2003\n\n")]
    public void Split_EmptyOrWhitespaceText_GivesNoChunks(string text) =>
        Assert.Empty(TextChunker.Split(text, 200, 50));

    [Theory]
    [InlineData("Hello.")]
    [InlineData("  Hello, world. This is short.  \n")]
    [InlineData("\n\nTwo paragraphs.\n\nStill short enough.\n")]
    [InlineData("\t😀 emoji and é accents 😀\t")]
    public void Split_TextShorterThanSize_GivesOneTrimmedChunk(string text)
    {
        var chunks = TextChunker.Split(text, 200, 100);

        var chunk = Assert.Single(chunks);
        Assert.Equal(0, chunk.Ordinal);
        Assert.Equal(text.Trim(), chunk.Content);
        Assert.Equal(text.Length - text.TrimStart().Length, chunk.StartOffset);
    }

    [Fact]
    public void Split_TextOfExactlySizeCharacters_GivesOneChunk()
    {
        var text = TestText.Sentences(1, 40)[..500].TrimEnd();
        text += new string('x', 500 - text.Length);

        var chunk = Assert.Single(TextChunker.Split(text, 500, 100));

        Assert.Equal(text, chunk.Content);
        Assert.Equal(0, chunk.StartOffset);
    }

    [Theory]
    [InlineData(200, 0)]
    [InlineData(200, 100)]
    [InlineData(201, 37)]
    [InlineData(333, 1)]
    [InlineData(1000, 100)]
    [InlineData(1000, 500)]
    [InlineData(4096, 7)]
    [InlineData(8000, 4000)]
    public void Split_SentenceText_EndsEveryChunkButTheLastAtASentenceEndInTheSecondHalf(int size, int overlap)
    {
        var text = TestText.Sentences(1, 3000);

        var chunks = TextChunker.Split(text, size, overlap);

        AssertInvariants(text, size, overlap, chunks, $"size {size}, overlap {overlap}");
        Assert.True(chunks.Count > 1);
        foreach (var chunk in chunks.Take(chunks.Count - 1))
        {
            Assert.True(chunk.Content.EndsWith('.'), $"chunk {chunk.Ordinal} ends \"{chunk.Content[^20..]}\"");
            Assert.True(chunk.Content.Length >= size / 2, $"chunk {chunk.Ordinal} is {chunk.Content.Length} long; size {size}");
        }

        Assert.EndsWith(TestText.Sentence(3000), chunks[^1].Content);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(777)]
    [InlineData(8000)]
    public void Split_SentenceTextWithoutOverlap_GivesWholeSentencesThatRejoinToTheText(int size)
    {
        var text = TestText.Sentences(1, 3000);

        var chunks = TextChunker.Split(text, size, 0);

        Assert.All(chunks, c => Assert.StartsWith("Sentence number ", c.Content));
        Assert.Equal(text, string.Join(' ', chunks.Select(c => c.Content)));
    }

    [Fact]
    public void Split_ChunkEndsAtASentenceEndThatFallsExactlyOnTheWindowEdge()
    {
        // 20 nine-letter words: 199 characters, then '.', so the first sentence is exactly `size` long.
        const int size = 200;
        var first = string.Join(' ', Enumerable.Repeat("wordwordw", 20)) + ".";
        Assert.Equal(size, first.Length);
        var text = first + " " + TestText.Sentences(1, 20);

        var chunks = TextChunker.Split(text, size, 0);

        Assert.Equal(first, chunks[0].Content);
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("\r\n\r\n")]
    public void Split_PrefersAParagraphBreakInTheSecondHalfOverALaterSentenceEnd(string paragraphBreak)
    {
        // Paragraph 1 is about 0.6 of the window; later sentence ends in paragraph 2 also fit the window.
        var paragraph1 = TestText.Sentences(1, 7);
        var paragraph2 = TestText.Sentences(8, 20);
        var text = paragraph1 + paragraphBreak + paragraph2;
        const int size = 300;
        Assert.InRange(paragraph1.Length, (size / 2) + 1, size - 40);

        var chunks = TextChunker.Split(text, size, 0);

        Assert.Equal(paragraph1, chunks[0].Content);
        Assert.StartsWith(TestText.Sentence(8), chunks[1].Content);
    }

    [Fact]
    public void Split_RandomParagraphs_ShorterThanAQuarterWindow_EndChunksAtParagraphBreaks()
    {
        var random = new Random(55);
        for (var n = 0; n < 100; n++)
        {
            var size = random.Next(200, 2001);
            var overlap = random.Next(0, (size / 2) + 1);
            var paragraphs = Enumerable.Range(0, random.Next(5, 60))
                .Select(_ => TestText.Paragraph(random, random.Next(10, (size / 4) + 1)))
                .ToList();
            var text = string.Join("\n\n", paragraphs);

            var chunks = TextChunker.Split(text, size, overlap);

            var context = $"case {n}: size {size}, overlap {overlap}";
            AssertInvariants(text, size, overlap, chunks, context);
            foreach (var chunk in chunks.Take(chunks.Count - 1))
            {
                var end = chunk.StartOffset + chunk.Content.Length;
                Assert.True(
                    string.CompareOrdinal(text, end, "\n\n", 0, 2) == 0,
                    $"{context}: chunk {chunk.Ordinal} does not end at a paragraph break: \"{chunk.Content[^Math.Min(30, chunk.Content.Length)..]}\"");
            }
        }
    }

    // Chunks never start mid-word: when the step back lands inside the window's last word, that
    // boundary gets no overlap. So overlap is guaranteed only when it is longer than any word
    // (plus the space before it); prose words here are far shorter than 40 characters.
    [Fact]
    public void Split_LongProseWithOverlap_ConsecutiveChunksOverlapByAtMostTheOverlap()
    {
        var random = new Random(808);
        for (var n = 0; n < 200; n++)
        {
            var size = random.Next(200, 8001);
            var overlap = random.Next(40, (size / 2) + 1);
            var text = TestText.Prose(random, random.Next(size * 2, size * 8), paragraphs: false);

            var chunks = TextChunker.Split(text, size, overlap);

            var context = $"case {n}: size {size}, overlap {overlap}";
            AssertInvariants(text, size, overlap, chunks, context);
            Assert.True(chunks.Count >= 2, context);
            Assert.All(chunks.Skip(1), c => Assert.True(
                char.IsWhiteSpace(text[c.StartOffset - 1]), $"{context}: chunk {c.Ordinal} starts mid-word"));
            for (var i = 1; i < chunks.Count; i++)
            {
                var previousEnd = chunks[i - 1].StartOffset + chunks[i - 1].Content.Length;
                Assert.True(chunks[i].StartOffset < previousEnd, $"{context}: chunk {i} does not overlap chunk {i - 1}");
            }
        }
    }

    [Fact]
    public void Split_WithoutOverlap_ChunksNeverShareCharacters()
    {
        var random = new Random(909);
        for (var n = 0; n < 100; n++)
        {
            var size = random.Next(200, 3001);
            var text = TestText.Messy(random, random.Next(0, size * 6));

            var chunks = TextChunker.Split(text, size, 0);

            AssertInvariants(text, size, 0, chunks, $"case {n}: size {size}");
            for (var i = 1; i < chunks.Count; i++)
            {
                Assert.True(chunks[i].StartOffset >= chunks[i - 1].StartOffset + chunks[i - 1].Content.Length);
            }
        }
    }

    [Fact]
    public void Split_HugeAsciiWordWithoutOverlap_IsHardCutIntoFullWindows()
    {
        var text = new string('a', 2500);

        var chunks = TextChunker.Split(text, 1000, 0);

        Assert.Equal(new[] { 0, 1000, 2000 }, chunks.Select(c => c.StartOffset).ToArray());
        Assert.Equal(new[] { 1000, 1000, 500 }, chunks.Select(c => c.Content.Length).ToArray());
    }

    [Theory]
    [InlineData("😀", 201, 0)]
    [InlineData("😀", 201, 1)]
    [InlineData("😀", 200, 3)]
    [InlineData("😀", 201, 99)]
    [InlineData("😀", 202, 101)]
    [InlineData("ab😀", 200, 0)]
    [InlineData("ab😀", 203, 51)]
    [InlineData("a😀", 250, 125)]
    public void Split_HugeEmojiWord_IsHardCutWithoutSplittingSurrogatePairs(string piece, int size, int overlap)
    {
        var text = string.Concat(Enumerable.Repeat(piece, 4000 / piece.Length));

        var chunks = TextChunker.Split(text, size, overlap);

        AssertInvariants(text, size, overlap, chunks, $"piece {piece}, size {size}, overlap {overlap}");
        Assert.True(chunks.Count > 1);
        foreach (var chunk in chunks.Take(chunks.Count - 1))
        {
            Assert.InRange(chunk.Content.Length, size - 1, size);
        }
    }

    [Fact]
    public void Split_HugeWordBetweenOrdinaryWords_IsHardCutAndEverythingIsCovered()
    {
        var text = "Before the word. " + string.Concat(Enumerable.Repeat("x😀", 1500)) + " After the word.";

        var chunks = TextChunker.Split(text, 400, 100);

        AssertInvariants(text, 400, 100, chunks, "huge word");
        Assert.StartsWith("Before the word.", chunks[0].Content);
        Assert.EndsWith("After the word.", chunks[^1].Content);
    }

    [Fact]
    public void Split_RandomTexts_SatisfyAllInvariants()
    {
        var random = new Random(20261127);
        for (var n = 0; n < 300; n++)
        {
            var size = random.Next(200, 8001);
            var overlap = random.Next(0, (size / 2) + 1);
            var length = random.Next(4) == 0 ? random.Next(0, size + 10) : random.Next(0, 40_000);
            var text = TestText.Messy(random, length);

            var chunks = TextChunker.Split(text, size, overlap);

            AssertInvariants(text, size, overlap, chunks, $"case {n}: size {size}, overlap {overlap}, length {text.Length}");
            Assert.Equal(string.IsNullOrWhiteSpace(text), chunks.Count == 0);
        }
    }
}
