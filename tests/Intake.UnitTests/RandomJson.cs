using System.Globalization;
using System.Text;

namespace Intake.UnitTests;

/// <summary>
/// A tiny JSON model for property tests: random documents, written either plainly or in a random
/// but equivalent spelling (member order, whitespace, string escapes), and mutated into a document
/// with a different value.
/// </summary>
internal abstract class RandomJson
{
    private static readonly string[] NumberLiterals =
        ["0", "-1", "1", "42", "3.14", "-2.5E-3", "1e10", "12345678901234567890", "0.1", "-0"];

    private static readonly string[] StringPieces =
    [
        "a", "Z", "7", " ", "/", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "é", "ж", "漢", "😀", "\u2028", "<", ">",
        "&", "'", "+", "\u007f", "\u00A0",
    ];

    public abstract RandomJson Clone();

    public static RandomJson Generate(Random random, int depth = 0)
    {
        var roll = depth == 0 ? 0 : random.Next(depth >= 4 ? 3 : 10);
        return roll switch
        {
            0 or 3 or 4 => GenerateObject(random, depth),
            5 or 6 => new Array([.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => Generate(random, depth + 1))]),
            _ => GenerateLeaf(random),
        };
    }

    public static RandomJson GenerateLeaf(Random random) => random.Next(5) switch
    {
        0 => new Number(NumberLiterals[random.Next(NumberLiterals.Length)]),
        1 => new Literal(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" }),
        _ => new Text(RandomString(random)),
    };

    public static string RandomString(Random random)
    {
        var builder = new StringBuilder();
        var pieces = random.Next(0, 8);
        for (var i = 0; i < pieces; i++)
        {
            builder.Append(StringPieces[random.Next(StringPieces.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>The plain spelling: members in generation order, no whitespace, minimal escapes.</summary>
    public string Write() => Write(null);

    /// <summary>An equivalent spelling chosen by <paramref name="random"/>.</summary>
    public string Write(Random? random)
    {
        var builder = new StringBuilder();
        WriteTo(builder, random);
        return builder.ToString();
    }

    /// <summary>Changes one value somewhere in the document (in place) so that it is no longer equal.</summary>
    public abstract void Mutate(Random random);

    protected abstract void WriteTo(StringBuilder builder, Random? random);

    protected static void Space(StringBuilder builder, Random? random)
    {
        if (random is not null && random.Next(3) == 0)
        {
            builder.Append(new[] { " ", "  ", "\n", "\t", "\r\n", "\n    " }[random.Next(6)]);
        }
    }

    protected static void WriteString(StringBuilder builder, string value, Random? random)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = random is not null && random.Next(3) == 0;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length)
            {
                if (escape)
                {
                    builder.Append(Hex(c, random)).Append(Hex(value[i + 1], random));
                }
                else
                {
                    builder.Append(c).Append(value[i + 1]);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"':
                    builder.Append(escape ? Hex(c, random) : "\\\"");
                    break;
                case '\\':
                    builder.Append(escape ? Hex(c, random) : "\\\\");
                    break;
                case '/' when escape && random!.Next(2) == 0:
                    builder.Append("\\/");
                    break;
                case '\n' when !escape:
                    builder.Append("\\n");
                    break;
                case '\t' when !escape:
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append(Hex(c, random));
                    break;
                default:
                    builder.Append(escape ? Hex(c, random) : c.ToString());
                    break;
            }
        }

        builder.Append('"');
    }

    private static string Hex(char c, Random? random)
    {
        var hex = ((int)c).ToString("x4", CultureInfo.InvariantCulture);
        return "\\u" + (random is not null && random.Next(2) == 0 ? hex.ToUpperInvariant() : hex);
    }

    public sealed class Object(List<KeyValuePair<string, RandomJson>> members) : RandomJson
    {
        public List<KeyValuePair<string, RandomJson>> Members { get; } = members;

        public override RandomJson Clone() => new Object([.. Members.Select(m => KeyValuePair.Create(m.Key, m.Value.Clone()))]);

        public override void Mutate(Random random)
        {
            if (Members.Count == 0 || random.Next(6) == 0)
            {
                // Add a member whose name is not used yet.
                Members.Insert(random.Next(Members.Count + 1), KeyValuePair.Create(FreshName(), GenerateLeaf(random)));
                return;
            }

            var index = random.Next(Members.Count);
            if (random.Next(6) == 0)
            {
                Members[index] = KeyValuePair.Create(FreshName(), Members[index].Value);
                return;
            }

            Members[index].Value.Mutate(random);
        }

        protected override void WriteTo(StringBuilder builder, Random? random)
        {
            IEnumerable<KeyValuePair<string, RandomJson>> order = Members;
            if (random is not null)
            {
                order = [.. Members.OrderBy(_ => random.Next())];
            }

            builder.Append('{');
            var first = true;
            foreach (var (name, value) in order)
            {
                if (!first)
                {
                    builder.Append(',');
                }

                first = false;
                Space(builder, random);
                WriteString(builder, name, random);
                Space(builder, random);
                builder.Append(':');
                Space(builder, random);
                value.WriteTo(builder, random);
                Space(builder, random);
            }

            builder.Append('}');
        }

        private string FreshName()
        {
            var name = "added";
            while (Members.Any(m => m.Key == name))
            {
                name += "_";
            }

            return name;
        }
    }

    public sealed class Array(List<RandomJson> items) : RandomJson
    {
        public List<RandomJson> Items { get; } = items;

        public override RandomJson Clone() => new Array([.. Items.Select(i => i.Clone())]);

        public override void Mutate(Random random)
        {
            if (Items.Count == 0 || random.Next(6) == 0)
            {
                Items.Insert(random.Next(Items.Count + 1), GenerateLeaf(random));
                return;
            }

            if (random.Next(6) == 0)
            {
                Items.RemoveAt(random.Next(Items.Count));
                return;
            }

            Items[random.Next(Items.Count)].Mutate(random);
        }

        protected override void WriteTo(StringBuilder builder, Random? random)
        {
            builder.Append('[');
            for (var i = 0; i < Items.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                Space(builder, random);
                Items[i].WriteTo(builder, random);
                Space(builder, random);
            }

            builder.Append(']');
        }
    }

    public sealed class Text(string value) : RandomJson
    {
        public string Value { get; private set; } = value;

        public override RandomJson Clone() => new Text(Value);

        public override void Mutate(Random random) => Value = random.Next(2) == 0 ? Value + "x" : "changed:" + Value;

        protected override void WriteTo(StringBuilder builder, Random? random) => WriteString(builder, Value, random);
    }

    public sealed class Number(string literal) : RandomJson
    {
        public string Spelling { get; private set; } = literal;

        public override RandomJson Clone() => new Number(Spelling);

        public override void Mutate(Random random)
        {
            var value = double.Parse(Spelling, CultureInfo.InvariantCulture);
            Spelling = value == 7 ? "8" : "7";
        }

        protected override void WriteTo(StringBuilder builder, Random? random) => builder.Append(Spelling);
    }

    public sealed class Literal(string token) : RandomJson
    {
        public string Token { get; private set; } = token;

        public override RandomJson Clone() => new Literal(Token);

        public override void Mutate(Random random) => Token = Token switch
        {
            "true" => "false",
            "false" => random.Next(2) == 0 ? "true" : "null",
            _ => "0",
        };

        protected override void WriteTo(StringBuilder builder, Random? random) => builder.Append(Token);
    }

    private static Object GenerateObject(Random random, int depth)
    {
        var members = new List<KeyValuePair<string, RandomJson>>();
        var count = random.Next(depth == 0 ? 1 : 0, 6);
        for (var i = 0; i < count; i++)
        {
            string name;
            do
            {
                name = random.Next(4) == 0 ? RandomString(random) : TestText.AsciiWord(random, 6);
            }
            while (members.Any(m => m.Key == name));

            members.Add(KeyValuePair.Create(name, Generate(random, depth + 1)));
        }

        return new Object(members);
    }
}
