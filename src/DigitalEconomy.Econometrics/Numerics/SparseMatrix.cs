namespace DigitalEconomy.Econometrics.Numerics;

/// <summary>
/// A square sparse matrix in compressed sparse row (CSR) form: row i holds the column indices
/// <c>ColumnIndex[RowStart[i]..RowStart[i+1]]</c> (sorted ascending, no duplicates) and their values. Immutable;
/// products run over the contiguous arrays without allocation, so a weight matrix for N ≈ 3,000 units with
/// ten neighbours each costs 30,000 multiply-adds per product.
/// </summary>
internal sealed class SparseMatrix
{
    private readonly int[] _rowStart;
    private readonly int[] _column;
    private readonly double[] _value;

    private SparseMatrix(int size, int[] rowStart, int[] column, double[] value)
    {
        Size = size;
        _rowStart = rowStart;
        _column = column;
        _value = value;
    }

    /// <summary>Number of rows (= columns).</summary>
    public int Size { get; }

    /// <summary>Number of stored (non-zero) entries.</summary>
    public int NonZeroCount => _value.Length;

    /// <summary>Row pointers (length Size + 1).</summary>
    public ReadOnlySpan<int> RowStart => _rowStart;

    /// <summary>Column index of every stored entry.</summary>
    public ReadOnlySpan<int> ColumnIndex => _column;

    /// <summary>Value of every stored entry.</summary>
    public ReadOnlySpan<double> Values => _value;

    /// <summary>
    /// Builds the matrix from (row, column, value) triplets. Duplicated positions are an error (the caller decides
    /// what a duplicate means); exact zeros are dropped so the pattern is the set of links.
    /// </summary>
    public static SparseMatrix FromTriplets(int size, IReadOnlyList<int> rows, IReadOnlyList<int> columns, IReadOnlyList<double> values)
    {
        int m = rows.Count;
        var order = new int[m];
        for (int k = 0; k < m; k++) order[k] = k;
        Array.Sort(order, (a, b) =>
        {
            int c = rows[a].CompareTo(rows[b]);
            return c != 0 ? c : columns[a].CompareTo(columns[b]);
        });
        var rowStart = new int[size + 1];
        var col = new List<int>(m);
        var val = new List<double>(m);
        int prevRow = -1, prevCol = -1;
        foreach (int k in order)
        {
            int r = rows[k], c = columns[k];
            if ((uint)r >= (uint)size || (uint)c >= (uint)size)
                throw new ArgumentOutOfRangeException(nameof(rows), $"Entry ({r}, {c}) is outside a {size}×{size} matrix.");
            if (r == prevRow && c == prevCol)
                throw new ArgumentException($"Entry ({r}, {c}) is given twice.", nameof(rows));
            prevRow = r;
            prevCol = c;
            if (values[k] == 0) continue;
            col.Add(c);
            val.Add(values[k]);
            rowStart[r + 1]++;
        }
        for (int i = 0; i < size; i++) rowStart[i + 1] += rowStart[i];
        return new SparseMatrix(size, rowStart, col.ToArray(), val.ToArray());
    }

    /// <summary>The same pattern with new values (one per stored entry, in storage order).</summary>
    public SparseMatrix WithValues(double[] values)
    {
        if (values.Length != _value.Length) throw new ArgumentException("One value per stored entry is required.", nameof(values));
        return new SparseMatrix(Size, _rowStart, _column, values);
    }

    /// <summary>The stored value at (i, j), or 0.</summary>
    public double this[int i, int j]
    {
        get
        {
            int k = Array.BinarySearch(_column, _rowStart[i], _rowStart[i + 1] - _rowStart[i], j);
            return k >= 0 ? _value[k] : 0;
        }
    }

    /// <summary>Number of stored entries in row i.</summary>
    public int RowCount(int i) => _rowStart[i + 1] - _rowStart[i];

    /// <summary>Sum of row i.</summary>
    public double RowSum(int i)
    {
        double s = 0;
        for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) s += _value[k];
        return s;
    }

    /// <summary>y = A x.</summary>
    public void Multiply(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < Size; i++)
        {
            double s = 0;
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) s += _value[k] * x[_column[k]];
            y[i] = s;
        }
    }

    /// <summary>y = A' x.</summary>
    public void MultiplyTransposed(ReadOnlySpan<double> x, Span<double> y)
    {
        y.Clear();
        for (int i = 0; i < Size; i++)
        {
            double xi = x[i];
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) y[_column[k]] += _value[k] * xi;
        }
    }

    /// <summary>x' A x.</summary>
    public double QuadraticForm(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < Size; i++)
        {
            double r = 0;
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) r += _value[k] * x[_column[k]];
            s += x[i] * r;
        }
        return s;
    }

    /// <summary>Applies A to each of <paramref name="blocks"/> consecutive length-Size blocks of x (I_T ⊗ A).</summary>
    public void MultiplyBlocks(ReadOnlySpan<double> x, Span<double> y, int blocks)
    {
        for (int t = 0; t < blocks; t++) Multiply(x.Slice(t * Size, Size), y.Slice(t * Size, Size));
    }

    /// <summary>The transpose.</summary>
    public SparseMatrix Transpose()
    {
        var rows = new List<int>(NonZeroCount);
        var cols = new List<int>(NonZeroCount);
        var vals = new List<double>(NonZeroCount);
        for (int i = 0; i < Size; i++)
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++)
            {
                rows.Add(_column[k]);
                cols.Add(i);
                vals.Add(_value[k]);
            }
        return FromTriplets(Size, rows, cols, vals);
    }

    /// <summary>Dense copy, row-major [i, j].</summary>
    public double[,] ToDense()
    {
        var a = new double[Size, Size];
        for (int i = 0; i < Size; i++)
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) a[i, _column[k]] = _value[k];
        return a;
    }

    /// <summary>Σ_ij a_ij a_ji = tr(A²), exact from the pattern.</summary>
    public double TraceOfSquare()
    {
        double s = 0;
        for (int i = 0; i < Size; i++)
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++) s += _value[k] * this[_column[k], i];
        return s;
    }

    /// <summary>True when the pattern of non-zeros is symmetric.</summary>
    public bool HasSymmetricPattern()
    {
        for (int i = 0; i < Size; i++)
            for (int k = _rowStart[i]; k < _rowStart[i + 1]; k++)
            {
                int j = _column[k];
                if (Array.BinarySearch(_column, _rowStart[j], _rowStart[j + 1] - _rowStart[j], i) < 0) return false;
            }
        return true;
    }
}
