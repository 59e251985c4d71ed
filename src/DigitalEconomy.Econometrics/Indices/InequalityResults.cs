
namespace DigitalEconomy.Econometrics.Indices;

/// <summary>Inequality of one cross-section (see <see cref="Inequality"/> for the formulas).</summary>
/// <param name="Period">Period label (empty for a plain cross-section).</param>
/// <param name="Count">Units measured.</param>
/// <param name="Mean">Population-weighted mean μ.</param>
/// <param name="TheilT">Theil T = Σ s_i (x_i/μ) ln(x_i/μ).</param>
/// <param name="TheilL">Theil L (mean log deviation) = Σ s_i ln(μ/x_i).</param>
/// <param name="Gini">Σ_i Σ_k s_i s_k |x_i − x_k| / (2μ).</param>
/// <param name="CoefficientOfVariation">√(Σ s_i (x_i − μ)²) / μ.</param>
public sealed record InequalityMeasures(string Period, int Count, double Mean, double TheilT, double TheilL, double Gini, double CoefficientOfVariation);

/// <summary>Which Theil index a table shows.</summary>
public enum TheilIndex
{
    /// <summary>Theil T (GE(1)), decomposed with income shares.</summary>
    T,
    /// <summary>Theil L (GE(0), mean log deviation), decomposed with population shares.</summary>
    L,
}

/// <summary>One group's part in a Theil decomposition.</summary>
/// <param name="Group">Group label (e.g. "East").</param>
/// <param name="Count">Units in the group.</param>
/// <param name="PopulationShare">P_g = Σ_{i∈g} s_i.</param>
/// <param name="IncomeShare">S_g = P_g μ_g / μ.</param>
/// <param name="Mean">μ_g, the group's weighted mean.</param>
/// <param name="TheilT">T_g, Theil T within the group.</param>
/// <param name="TheilL">L_g, Theil L within the group.</param>
/// <param name="WithinTermT">S_g T_g, the group's contribution to within-group Theil T.</param>
/// <param name="WithinTermL">P_g L_g, the group's contribution to within-group Theil L.</param>
public sealed record TheilGroupComponent(string Group, int Count, double PopulationShare, double IncomeShare, double Mean,
    double TheilT, double TheilL, double WithinTermT, double WithinTermL);

/// <summary>
/// Theil T and L of one cross-section split exactly into between- and within-group parts:
/// T = Σ_g S_g T_g + Σ_g S_g ln(μ_g/μ);  L = Σ_g P_g L_g + Σ_g P_g ln(μ/μ_g) (Shorrocks 1980).
/// </summary>
/// <param name="Period">Period label.</param>
/// <param name="Count">Units measured.</param>
/// <param name="TheilT">Total Theil T.</param>
/// <param name="BetweenT">Σ_g S_g ln(μ_g/μ).</param>
/// <param name="WithinT">Σ_g S_g T_g.</param>
/// <param name="TheilL">Total Theil L.</param>
/// <param name="BetweenL">Σ_g P_g ln(μ/μ_g).</param>
/// <param name="WithinL">Σ_g P_g L_g.</param>
/// <param name="Groups">Per-group components (groups present in the period).</param>
public sealed record TheilDecomposition(string Period, int Count, double TheilT, double BetweenT, double WithinT,
    double TheilL, double BetweenL, double WithinL, IReadOnlyList<TheilGroupComponent> Groups)
{
    /// <summary>Total, between and within parts of the chosen index.</summary>
    public (double Total, double Between, double Within) Parts(TheilIndex index) =>
        index == TheilIndex.T ? (TheilT, BetweenT, WithinT) : (TheilL, BetweenL, WithinL);

    /// <summary>Group g's within term of the chosen index.</summary>
    public static double WithinTerm(TheilGroupComponent g, TheilIndex index) => index == TheilIndex.T ? g.WithinTermT : g.WithinTermL;
}

/// <summary>One group in a Dagum decomposition.</summary>
/// <param name="Group">Group label.</param>
/// <param name="Count">Units in the group.</param>
/// <param name="PopulationShare">p_j.</param>
/// <param name="IncomeShare">s_j = p_j Y_j / μ.</param>
/// <param name="Mean">Y_j.</param>
/// <param name="WithinGini">G_jj = Σ Σ |y_ji − y_jr| / (2 n_j² Y_j) (weighted analogue with weights).</param>
public sealed record DagumGroup(string Group, int Count, double PopulationShare, double IncomeShare, double Mean, double WithinGini);

/// <summary>A pair of groups in a Dagum decomposition, oriented so that <paramref name="RicherGroup"/> has the higher mean.</summary>
/// <param name="RicherGroup">Group j (Y_j ≥ Y_h).</param>
/// <param name="PoorerGroup">Group h.</param>
/// <param name="Gini">G_jh = E|y_j − y_h| / (Y_j + Y_h).</param>
/// <param name="GrossDifference">d_jh = E[(y_j − y_h)⁺].</param>
/// <param name="Transvariation">p_jh = E[(y_h − y_j)⁺], the first-order moment of transvariation.</param>
/// <param name="RelativeAffluence">D_jh = (d_jh − p_jh)/(d_jh + p_jh).</param>
/// <param name="NetBetweenTerm">G_jh (p_j s_h + p_h s_j) D_jh.</param>
/// <param name="TransvariationTerm">G_jh (p_j s_h + p_h s_j) (1 − D_jh).</param>
public sealed record DagumGroupPair(string RicherGroup, string PoorerGroup, double Gini, double GrossDifference, double Transvariation,
    double RelativeAffluence, double NetBetweenTerm, double TransvariationTerm);

/// <summary>
/// Dagum (1997) decomposition of the Gini: G = G_w + G_nb + G_t with G_w = Σ_j G_jj p_j s_j,
/// G_nb = Σ_{j&gt;h} G_jh (p_j s_h + p_h s_j) D_jh and G_t = Σ_{j&gt;h} G_jh (p_j s_h + p_h s_j)(1 − D_jh).
/// Reference: Dagum (1997), "A new approach to the decomposition of the Gini income inequality ratio",
/// <i>Empirical Economics</i> 22(4), 515–531.
/// </summary>
/// <param name="Period">Period label.</param>
/// <param name="Count">Units measured.</param>
/// <param name="Gini">Overall Gini G, computed directly.</param>
/// <param name="Within">G_w.</param>
/// <param name="NetBetween">G_nb.</param>
/// <param name="Transvariation">G_t.</param>
/// <param name="Groups">Groups present in the period.</param>
/// <param name="Pairs">Every pair of groups.</param>
public sealed record DagumGiniDecomposition(string Period, int Count, double Gini, double Within, double NetBetween, double Transvariation,
    IReadOnlyList<DagumGroup> Groups, IReadOnlyList<DagumGroupPair> Pairs)
{
    /// <summary>G_w / G.</summary>
    public double WithinShare => Within / Gini;

    /// <summary>G_nb / G.</summary>
    public double NetBetweenShare => NetBetween / Gini;

    /// <summary>G_t / G.</summary>
    public double TransvariationShare => Transvariation / Gini;
}

/// <summary>Inequality measures per period (<see cref="Inequality.Series"/>).</summary>
/// <param name="Variable">Measured column.</param>
/// <param name="WeightColumn">Population weight column, or null.</param>
/// <param name="Periods">One entry per period, in time order.</param>
/// <param name="RowsDropped">Rows left out because the value or weight was missing.</param>
public sealed record InequalitySeries(string Variable, string? WeightColumn, IReadOnlyList<InequalityMeasures> Periods, int RowsDropped);

/// <summary>Theil decompositions per period (<see cref="Inequality.TheilSeries"/>).</summary>
/// <param name="Variable">Measured column.</param>
/// <param name="GroupColumn">Grouping column (e.g. region).</param>
/// <param name="WeightColumn">Population weight column, or null.</param>
/// <param name="Periods">One decomposition per period.</param>
/// <param name="RowsDropped">Rows left out because the value or weight was missing.</param>
public sealed record TheilDecompositionSeries(string Variable, string GroupColumn, string? WeightColumn, IReadOnlyList<TheilDecomposition> Periods, int RowsDropped);

/// <summary>Dagum Gini decompositions per period (<see cref="Inequality.DagumSeries"/>).</summary>
/// <param name="Variable">Measured column.</param>
/// <param name="GroupColumn">Grouping column (e.g. region).</param>
/// <param name="WeightColumn">Population weight column, or null.</param>
/// <param name="Periods">One decomposition per period.</param>
/// <param name="RowsDropped">Rows left out because the value or weight was missing.</param>
public sealed record DagumDecompositionSeries(string Variable, string GroupColumn, string? WeightColumn, IReadOnlyList<DagumGiniDecomposition> Periods, int RowsDropped);
