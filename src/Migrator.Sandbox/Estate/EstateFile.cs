using System.Text.Json;

namespace Migrator.Sandbox;

/// <summary>
/// Reads and writes estate files (JSON, docs/estate-format.md). Reading checks the syntax (line/column), the shape
/// (unknown properties, wrong types, bad enum values) and the meaning (unknown accounts, duplicates, broken references)
/// and reports every problem at once, each with the file, the JSON path and the fix.
/// </summary>
public static class EstateFile
{
    /// <summary>Loads an estate or throws <see cref="EstateValidationException"/> listing every problem.</summary>
    public static Estate Load(string path)
    {
        var result = Read(path);
        return result.Success ? result.Estate! : throw new EstateValidationException(result.Errors);
    }

    public static EstateLoadResult Read(string path)
    {
        if (!File.Exists(path))
            return new EstateLoadResult(null, [new EstateError(path, "$", "the file does not exist", "check the path, or create one with 'migrator sandbox generate --out FILE'")]);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses estate JSON; <paramref name="fileName"/> only names the source in errors.</summary>
    public static EstateLoadResult Parse(string json, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            return new EstateLoadResult(null, [new EstateError(fileName, e.Path ?? "$", $"malformed JSON at line {line}, column {column}: {FirstSentence(e.Message)}",
                "correct the JSON syntax there (a missing comma, quote or bracket is the usual cause)", line, column)]);
        }

        using (document)
        {
            var errors = new List<EstateError>();
            EstateShape.Check(document.RootElement, typeof(Estate), "$", fileName, errors);
            if (errors.Count > 0)
                return new EstateLoadResult(null, errors);
            Estate estate;
            try
            {
                estate = document.RootElement.Deserialize<Estate>(EstateJson.Options)!;
            }
            catch (JsonException e)
            {
                return new EstateLoadResult(null, [new EstateError(fileName, e.Path ?? "$", FirstSentence(e.Message), "correct the value at that path")]);
            }
            EstateRules.Check(estate, fileName, errors);
            return errors.Count > 0 ? new EstateLoadResult(null, errors) : new EstateLoadResult(estate, []);
        }
    }

    public static string Serialize(Estate estate) => JsonSerializer.Serialize(estate, EstateJson.Options) + "\n";

    public static void Save(Estate estate, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
            Directory.CreateDirectory(dir);
        File.WriteAllText(path, Serialize(estate));
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
