using Intake.Workers.Datasets;

namespace Intake.UnitTests;

public sealed class QuestionWriterTests
{
    [Theory]
    [InlineData("A tide is the rise and fall of the sea.", "what is a tide?")]
    [InlineData("Waves break on rocks. Spring tides are the highest tides of the month.", "what are spring tides?")]
    [InlineData("The NATO treaty is a defence pact signed in 1949.", "what is the NATO treaty?")]
    [InlineData("Photosynthesis is the process plants use to make sugar.", "what is photosynthesis?")]
    public void A_definitional_sentence_becomes_a_what_is_question(string passage, string expected) =>
        Assert.EndsWith(expected, QuestionWriter.For(new SourceChunk("guide.md", 0, passage, "Ignored heading")));

    [Theory]
    [InlineData("the tide is a thing that comes in.")]
    [InlineData("One two three four five six seven eight is a long term.")]
    [InlineData("It is what it is, more or less.")]
    public void Sentences_that_are_not_definitions_fall_back_to_the_heading(string passage) =>
        Assert.Equal("In \"guide.md\", what does the section \"Tides\" say?", QuestionWriter.For(new SourceChunk("guide.md", 0, passage, "Tides")));

    [Fact]
    public void Without_definition_or_heading_the_question_quotes_the_opening_words()
    {
        var question = QuestionWriter.For(new SourceChunk("notes.txt", 3, "one two three four five six seven eight nine ten"));

        Assert.Equal("In \"notes.txt\", what does the passage beginning \"one two three four five six seven eight\" say?", question);
    }

    [Fact]
    public void A_long_passage_without_definitions_is_handled_in_linear_time()
    {
        var passage = string.Join(' ', Enumerable.Repeat("Word word word word word word word is", 20_000));

        var question = QuestionWriter.For(new SourceChunk("big.txt", 0, passage));

        Assert.StartsWith("In \"big.txt\"", question);
    }
}
