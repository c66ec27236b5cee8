using System.Collections;

namespace Migrator.Reports.Model;

/// <summary>
/// A read-only list whose rows are made when first read: the HTML and Markdown show the first TopN of 20,000 binding
/// rows, and only the JSON and CSV formats read them all. Safe to read from several renderers at once.
/// </summary>
public sealed class LazyRows<TSource, TRow> : IReadOnlyList<TRow>, IList where TRow : class
{
    private readonly IReadOnlyList<TSource> _sources;
    private readonly Func<TSource, TRow> _make;
    private readonly TRow?[] _rows;
    private int _made;

    public LazyRows(IReadOnlyList<TSource> sources, Func<TSource, TRow> make)
    {
        _sources = sources;
        _make = make;
        _rows = new TRow?[sources.Count];
    }

    /// <summary>How many rows have been made so far.</summary>
    public int Made => Volatile.Read(ref _made);

    public int Count => _rows.Length;

    public TRow this[int index]
    {
        get
        {
            var row = Volatile.Read(ref _rows[index]);
            if (row is not null) return row;
            var made = _make(_sources[index]);
            if (Interlocked.CompareExchange(ref _rows[index], made, null) is { } raced) return raced;
            Interlocked.Increment(ref _made);
            return made;
        }
    }

    public IEnumerator<TRow> GetEnumerator()
    {
        for (var i = 0; i < _rows.Length; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Non-generic IList, read-only: template engines ask it for the count and index into it.
    object? IList.this[int index] { get => this[index]; set => throw new NotSupportedException("report rows are read-only"); }
    bool IList.IsFixedSize => true;
    bool IList.IsReadOnly => true;
    bool ICollection.IsSynchronized => false;
    object ICollection.SyncRoot => this;
    int IList.Add(object? value) => throw new NotSupportedException("report rows are read-only");
    void IList.Clear() => throw new NotSupportedException("report rows are read-only");
    bool IList.Contains(object? value) => value is TRow row && this.Contains(row);
    int IList.IndexOf(object? value)
    {
        for (var i = 0; i < _rows.Length; i++)
            if (Equals(this[i], value)) return i;
        return -1;
    }
    void IList.Insert(int index, object? value) => throw new NotSupportedException("report rows are read-only");
    void IList.Remove(object? value) => throw new NotSupportedException("report rows are read-only");
    void IList.RemoveAt(int index) => throw new NotSupportedException("report rows are read-only");
    void ICollection.CopyTo(Array array, int index)
    {
        for (var i = 0; i < _rows.Length; i++)
            array.SetValue(this[i], index + i);
    }
}
