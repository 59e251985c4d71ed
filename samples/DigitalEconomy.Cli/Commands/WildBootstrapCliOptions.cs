using System.CommandLine;
using DigitalEconomy.Cli.Infrastructure;
using DigitalEconomy.Cli.Json;
using DigitalEconomy.Econometrics;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Regression;

namespace DigitalEconomy.Cli.Commands;

/// <summary>The <c>--wild-*</c> options of <c>fe</c>: a wild cluster bootstrap test of one coefficient.</summary>
internal sealed class WildBootstrapCliOptions
{
    public Option<int?> Replications { get; } = new("--wild-bootstrap")
    {
        Description = "Run a wild cluster bootstrap test with this many replications (e.g. 9999; Rademacher weights are enumerated exactly when 2^G is smaller).",
        HelpName = "B",
    };
    public Option<string?> Test { get; } = new("--wild-test") { Description = "Coefficient tested by the wild bootstrap (default: the first regressor).", HelpName = "NAME" };
    public Option<double> Null { get; } = new("--wild-null") { Description = "Value of the coefficient under the null (default 0).", HelpName = "R" };
    public Option<string> Weights { get; } = new("--wild-weights") { Description = "Bootstrap weights: rademacher, webb, mammen or normal.", DefaultValueFactory = _ => "rademacher" };
    public Option<string> Type { get; } = new("--wild-type") { Description = "restricted (null imposed, WCR) or unrestricted (WCU).", DefaultValueFactory = _ => "restricted" };
    public Option<string> PType { get; } = new("--wild-ptype") { Description = "p-value: symmetric, equaltail, greater or lower.", DefaultValueFactory = _ => "symmetric" };
    public Option<string?> Cluster { get; } = new("--wild-cluster") { Description = "Bootstrap clusters (default: the --vcov clusters; two-way: their intersection).", HelpName = "COL" };

    public WildBootstrapCliOptions()
    {
        Weights.AcceptOnlyFromAmong("rademacher", "webb", "mammen", "normal");
        Type.AcceptOnlyFromAmong("restricted", "unrestricted");
        PType.AcceptOnlyFromAmong("symmetric", "equaltail", "greater", "lower");
    }

    public void AddTo(Command command)
    {
        command.Add(Replications);
        command.Add(Test);
        command.Add(Null);
        command.Add(Weights);
        command.Add(Type);
        command.Add(PType);
        command.Add(Cluster);
    }

    /// <summary>The library options, or null when <c>--wild-bootstrap</c> was not given.</summary>
    public WildBootstrapOptions? Resolve(ParseResult parse, IReadOnlyList<string> regressors, long? seed)
    {
        if (parse.GetValue(Replications) is not { } reps) return null;
        if (reps < 9 || reps > 10_000_000)
            throw new SpecificationException($"--wild-bootstrap {reps} is out of range; expected 9 to 10,000,000 replications (e.g. 9999).");
        double nullValue = parse.GetValue(Null);
        if (!double.IsFinite(nullValue)) throw new SpecificationException($"--wild-null {nullValue} is not a finite number.");
        var test = parse.GetValue(Test) ?? (regressors.Count > 0 ? regressors[0]
            : throw new SpecificationException("--wild-bootstrap with --formula needs --wild-test NAME (the coefficient to test)."));
        return new WildBootstrapOptions
        {
            Test = test,
            Null = nullValue,
            Replications = reps,
            Weights = parse.GetValue(Weights) switch { "webb" => WildWeights.Webb, "mammen" => WildWeights.Mammen, "normal" => WildWeights.Normal, _ => WildWeights.Rademacher },
            Type = parse.GetValue(Type) == "unrestricted" ? WildBootstrapType.Unrestricted : WildBootstrapType.Restricted,
            PValueType = parse.GetValue(PType) switch
            {
                "equaltail" => WildPValueType.EqualTailed, "greater" => WildPValueType.Greater, "lower" => WildPValueType.Lower, _ => WildPValueType.Symmetric,
            },
            BootstrapCluster = parse.GetValue(Cluster),
            Seed = seed is { } s ? (ulong)s : 1,
        };
    }

    /// <summary>
    /// The WRE bootstrap of an IV model's 2SLS t test (<c>iv --wild-bootstrap</c>), with the CLI's option names in its
    /// errors; the JSON's "type" is "wre".
    /// </summary>
    public static WildBootstrapJson RunIv(PanelData panel, Econometrics.Iv.IvSpecification spec, Econometrics.Iv.IvOptions model, WildBootstrapOptions options)
    {
        if (model.Estimator != Econometrics.Iv.IvEstimator.TwoStageLeastSquares)
            throw new SpecificationException("--wild-bootstrap tests 2SLS estimates: use --estimator 2sls (the default).");
        if (model.Vcov.Kind != Econometrics.Inference.VcovKind.Cluster)
            throw new SpecificationException("--wild-bootstrap needs one-way clustered standard errors: use --vcov cluster:COL (e.g. cluster:province).");
        if (spec.Endogenous.Count != 1)
            throw new SpecificationException($"--wild-bootstrap handles one endogenous regressor; the formula has {spec.Endogenous.Count} ({string.Join(", ", spec.Endogenous)}).");
        if (options.Test != spec.Endogenous[0])
            throw new SpecificationException($"--wild-test '{options.Test}': the IV wild bootstrap tests the endogenous coefficient '{spec.Endogenous[0]}'.");
        if (options.Type != WildBootstrapType.Restricted)
            throw new SpecificationException("--wild-type unrestricted is not available for IV models: the IV wild bootstrap is the restricted efficient one (WRE).");
        if (options.BootstrapCluster is { } c && !panel.HasColumn(c))
            throw new SpecificationException($"--wild-cluster '{c}' is not a column of the data.");
        return WildBootstrapJson.From(Econometrics.Iv.IvWildBootstrap.Test(panel, spec, model, options)) with { Type = "wre" };
    }

    /// <summary>Runs the test on the command's fit (no refit), with the --wild-* option names in its errors.</summary>
    public static WildBootstrapJson Run(PanelData panel, PanelRegressionResult fit, WildBootstrapOptions options)
    {
        if (fit.Variance.Kind is not (Econometrics.Inference.VcovKind.Cluster or Econometrics.Inference.VcovKind.TwoWayCluster
            or Econometrics.Inference.VcovKind.HC1 or Econometrics.Inference.VcovKind.HC0))
            throw new SpecificationException("--wild-bootstrap needs clustered or robust standard errors: add --vcov cluster:COL (e.g. cluster:province).");
        if (options.BootstrapCluster is { } c && !panel.HasColumn(c))
            throw new SpecificationException($"--wild-cluster '{c}' is not a column of the data.");
        try
        {
            return WildBootstrapJson.From(WildClusterBootstrap.Test(fit, options));
        }
        catch (SpecificationException e) when (e.Message.Contains("not a coefficient of the model", StringComparison.Ordinal))
        {
            throw new SpecificationException($"--wild-test '{options.Test}' is not one of the regressors{e.Message[e.Message.IndexOf(" (it has", StringComparison.Ordinal)..]}");
        }
    }
}
