namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// A dense rows × columns matrix stored column after column in one contiguous array — the layout every
/// kernel in <c>Numerics/</c> works on (a column is a contiguous span, so dot products and demeaning stream
/// through memory).
/// </summary>
internal sealed class ColumnMajorMatrix
{
    private readonly double[] _data;

    /// <summary>Allocates a zero matrix.</summary>
    public ColumnMajorMatrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        _data = new double[checked((long)rows * columns) is var len and <= int.MaxValue ? (int)len : throw new ArgumentOutOfRangeException(nameof(rows), "Matrix too large for one array.")];
    }

    /// <summary>Wraps existing column-major storage (not copied).</summary>
    public ColumnMajorMatrix(int rows, int columns, double[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != (long)rows * columns)
            throw new ArgumentException($"Storage has {data.Length} elements; {rows}×{columns} needs {(long)rows * columns}.", nameof(data));
        Rows = rows;
        Columns = columns;
        _data = data;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>The whole column-major storage.</summary>
    public Span<double> Data => _data;

    /// <summary>The backing array (column-major), for kernels that hand column segments to parallel workers.</summary>
    internal double[] Storage => _data;

    /// <summary>Column <paramref name="j"/> as a contiguous span.</summary>
    public Span<double> Column(int j) => _data.AsSpan(j * Rows, Rows);

    /// <summary>Element (i, j).</summary>
    public double this[int i, int j]
    {
        get => _data[j * Rows + i];
        set => _data[j * Rows + i] = value;
    }

    /// <summary>Builds a matrix from columns of equal length.</summary>
    public static ColumnMajorMatrix FromColumns(IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int rows = columns.Count == 0 ? 0 : columns[0].Length;
        var m = new ColumnMajorMatrix(rows, columns.Count);
        for (int j = 0; j < columns.Count; j++)
        {
            if (columns[j].Length != rows) throw new ArgumentException("Columns differ in length.", nameof(columns));
            columns[j].CopyTo(m.Column(j));
        }
        return m;
    }

    /// <summary>
    /// A matrix whose storage is not zeroed (every element must be written before it is read) — saves one
    /// pass over memory when the caller fills all columns anyway, as design builders do.
    /// </summary>
    public static ColumnMajorMatrix Uninitialized(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        long len = (long)rows * columns;
        if (len > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(rows), "Matrix too large for one array.");
        return new ColumnMajorMatrix(rows, columns, LargeArrays.Uninitialized<double>((int)len));
    }

    /// <summary>A deep copy.</summary>
    public ColumnMajorMatrix Clone() => new(Rows, Columns, (double[])_data.Clone());
}
