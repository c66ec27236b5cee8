using Migrator.Core.Trust.PolicyTree;

namespace Migrator.Core.Trust;

/// <summary>
/// A copy of a parsed policy's JSON being edited: statements can be replaced, removed or added while every other
/// element keeps its place and text. Written back in the layout of the input (indented if it spanned several lines,
/// else compact).
/// </summary>
internal sealed class PolicyEdit
{
    private readonly PolicyObject _root;
    private readonly bool _indented;
    private readonly bool _statementWasObject;
    private readonly string _leading;
    private readonly string _trailing;
    private readonly int _expectedLength;

    public List<PolicyNode> Statements { get; }

    public PolicyEdit(TrustPolicy policy)
    {
        _root = (PolicyObject)policy.Root.Clone();
        _indented = PolicyTreeWriter.LooksIndented(policy.Text);
        // Whitespace around the document (a final newline, say) is kept as it was.
        var text = policy.Text;
        _leading = text[..(text.Length - text.TrimStart().Length)];
        _trailing = text[text.TrimEnd().Length..];
        // Room for the document and a statement or two more: the builder then grows once at most.
        _expectedLength = text.Length + 1024;
        var node = _root["Statement"]!;
        _statementWasObject = node is PolicyObject;
        Statements = node is PolicyArray list ? list.Items : [node];
    }

    /// <summary>The statement with a 1-based number, as JSON.</summary>
    public PolicyObject Statement(int number) => (PolicyObject)Statements[number - 1];

    public string Write()
    {
        PolicyNode value;
        if (_statementWasObject && Statements.Count == 1)
        {
            value = Statements[0];
        }
        else
        {
            var list = new PolicyArray();
            list.Items.AddRange(Statements);
            value = list;
        }
        _root.Set("Statement", value);
        return _leading + PolicyTreeWriter.Write(_root, _indented, _expectedLength) + _trailing;
    }
}
