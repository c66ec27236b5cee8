using Migrator.Core.Trust.Json;

namespace Migrator.Core.Trust;

/// <summary>
/// A copy of a parsed policy's JSON being edited: statements can be replaced, removed or added while every other
/// element keeps its place and text. Written back in the layout of the input (indented if it spanned several lines,
/// else compact).
/// </summary>
internal sealed class PolicyEdit
{
    private readonly JsonMap _root;
    private readonly bool _indented;
    private readonly bool _statementWasObject;
    private readonly string _leading;
    private readonly string _trailing;

    public List<JsonNode> Statements { get; }

    public PolicyEdit(TrustPolicy policy)
    {
        _root = (JsonMap)policy.Root.Clone();
        _indented = JsonDocumentWriter.LooksIndented(policy.Text);
        // Whitespace around the document (a final newline, say) is kept as it was.
        var text = policy.Text;
        _leading = text[..(text.Length - text.TrimStart().Length)];
        _trailing = text[text.TrimEnd().Length..];
        var node = _root["Statement"]!;
        _statementWasObject = node is JsonMap;
        Statements = node is JsonList list ? list.Items : [node];
    }

    /// <summary>The statement with a 1-based number, as JSON.</summary>
    public JsonMap Statement(int number) => (JsonMap)Statements[number - 1];

    public string Write()
    {
        JsonNode value;
        if (_statementWasObject && Statements.Count == 1)
        {
            value = Statements[0];
        }
        else
        {
            var list = new JsonList();
            list.Items.AddRange(Statements);
            value = list;
        }
        _root.Set("Statement", value);
        return _leading + JsonDocumentWriter.Write(_root, _indented) + _trailing;
    }
}
