namespace DigitalEconomy.Econometrics.Regression;

/// <summary>Why a regressor is not in the estimated model.</summary>
public enum DropReason
{
    /// <summary>The regressor has the same value in every row.</summary>
    Constant,
    /// <summary>The regressor is constant within the levels of the fixed effects (absorbed by them).</summary>
    AbsorbedByFixedEffects,
    /// <summary>The regressor is a linear combination of earlier regressors.</summary>
    Collinear,
}

/// <summary>A regressor left out of the model, and why (Stata prints "omitted because of collinearity").</summary>
/// <param name="Name">Regressor name.</param>
/// <param name="Reason">Reason code.</param>
public sealed record DroppedVariable(string Name, DropReason Reason)
{
    /// <summary>A one-line note, e.g. "dei dropped: collinear with the other regressors".</summary>
    public override string ToString() => Reason switch
    {
        DropReason.Constant => $"{Name} dropped: it is constant",
        DropReason.AbsorbedByFixedEffects => $"{Name} dropped: it is constant within the fixed-effect groups (absorbed)",
        _ => $"{Name} dropped: collinear with the other regressors",
    };
}

/// <summary>An absorbed fixed effect as estimated.</summary>
/// <param name="Name">Factor name, e.g. "city".</param>
/// <param name="Levels">Number of levels present in the estimation sample.</param>
/// <param name="NestedInCluster">True when the factor is nested in a cluster variable (its levels then do not count in K).</param>
public sealed record FixedEffectSummary(string Name, int Levels, bool NestedInCluster);
