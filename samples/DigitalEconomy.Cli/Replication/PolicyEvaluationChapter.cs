using DigitalEconomy.Econometrics.Did;
using DigitalEconomy.Econometrics.Plotting;
using DigitalEconomy.Econometrics.Reporting;
using static DigitalEconomy.Cli.Replication.Interpretation;
using S = DigitalEconomy.Cli.Replication.StudyColumns;

namespace DigitalEconomy.Cli.Replication;

/// <summary>
/// The quasi-natural experiment: the Broadband China pilot batches (cohort column <c>pilot_year</c>) and the digital
/// economy index. TWFE DID, an event-study figure with TWFE, Callaway–Sant'Anna, Sun–Abraham and imputation
/// estimates overlaid, the Goodman-Bacon decomposition of the TWFE coefficient and a permutation placebo.
/// Skipped, with the reason, when the panel has no pilot column.
/// </summary>
internal static class PolicyEvaluationChapter
{
    private const int Window = 5;
    private const int Permutations = 500;

    public static void Run(ReplicationContext ctx)
    {
        var panel = ctx.Panel;
        // The study file names the cohort column (policy_cohort); the bundled study uses pilot_year.
        if (S.PolicyCohort is not { } cohort || !panel.HasNumeric(cohort))
        {
            string reason = S.PolicyCohort is null
                ? "the study declares no policy_cohort column of first pilot years"
                : $"the panel has no '{S.PolicyCohort}' column of first pilot years";
            ctx.Summary.Skipped.Add($"Policy evaluation ({reason})");
            ctx.Section("Policy evaluation", $"Not run: {reason} (the first pilot year of each city, 0 = never).");
            return;
        }
        ulong seed = (ulong)ctx.Options.Seed;
        var basic = new DidOptions(S.Dei, cohort);
        var es = new EventStudyOptions(S.Dei, cohort) { Leads = Window, Lags = Window };
        var twfe = TwoWayDid.Fit(panel, basic);
        var eventStudy = EventStudy.Fit(panel, es);
        var cs = CallawaySantAnna.Fit(panel, new CallawaySantAnnaOptions(S.Dei, cohort) { BootstrapReplications = 999, Seed = seed });
        var sa = SunAbraham.Fit(panel, es);
        var bjs = ImputationDid.Fit(panel, es);
        var bacon = BaconDecomposition.Fit(panel.Balance(), basic);
        var placebo = PlaceboTest.Run(panel, new PlaceboOptions(S.Dei, cohort) { Replications = Permutations, Seed = seed });

        var table = new TableBuilder("Broadband China pilots and the digital economy index").Columns("", "ATT", "SE", "95% CI");
        void Add(string label, double att, double se, double lo, double hi) =>
            table.Row(label, NumberFormat.Fixed(att, 4), NumberFormat.Fixed(se, 4), $"[{NumberFormat.Fixed(lo, 4)}, {NumberFormat.Fixed(hi, 4)}]");
        Add("TWFE DID", twfe.Att.Estimate, twfe.Att.StdError, twfe.Att.ConfLow, twfe.Att.ConfHigh);
        Add("Callaway–Sant'Anna (simple)", cs.Simple.Att, cs.Simple.StdError, cs.Simple.ConfLow, cs.Simple.ConfHigh);
        Add("Sun–Abraham (e ≥ 0)", sa.Att.Estimate, sa.Att.StdError, sa.Att.ConfLow, sa.Att.ConfHigh);
        Add("Imputation (BJS)", bjs.Att.Estimate, bjs.Att.StdError, bjs.Att.ConfLow, bjs.Att.ConfHigh);
        table.Note("Standard errors clustered by city; Callaway–Sant'Anna: never-treated controls, 999 multiplier-bootstrap draws.");

        string eventFigure = ctx.Figure("figure09_did_event_study.png", new FigureOptions { Title = "Broadband China pilots: event study of the digital economy index", Width = 1000, Height = 560 },
            (path, o) => DidFigures.EventStudy(
        [
            new EventStudySeries("TWFE", eventStudy.Effects),
            new EventStudySeries("Callaway–Sant'Anna", cs.EventTimeEffects().Where(p => p.EventTime >= -Window && p.EventTime <= Window).ToArray()),
            new EventStudySeries("Sun–Abraham", sa.Effects),
            new EventStudySeries("Imputation", bjs.Effects),
        ], path, -1, o));
        string baconFigure = ctx.Figure("figure10_did_bacon.png", null, (path, o) => DidFigures.BaconScatter(bacon, path, o));
        string placeboFigure = ctx.Figure("figure11_did_placebo.png", null, (path, o) => DidFigures.PlaceboDensity(placebo, path, o));

        var forbidden = bacon.ByType().Where(t => t.Type == BaconComparisonType.LaterVsEarlierTreated).Select(t => t.Weight).DefaultIfEmpty(0).Sum();
        string pre = eventStudy.Pretrend is { } p ? $" The joint test of the TWFE leads gives F = {F(p.Statistic)} ({PClause(p.PValue)})." : "";
        ctx.Section("Policy evaluation: Broadband China pilots", "table19_did_pilots", table.Build(),
            $"The two-way fixed-effects DID puts the pilot effect on the digital economy index at {F(twfe.Att.Estimate)}; the heterogeneity-robust " +
            $"estimators give {F(cs.Simple.Att)} (Callaway–Sant'Anna), {F(sa.Att.Estimate)} (Sun–Abraham) and {F(bjs.Att.Estimate)} (imputation)." + pre +
            $" The effects grow with time since adoption (the event-study figure overlays the four estimators; the shaded area is the Callaway–Sant'Anna uniform band). " +
            $"In the Goodman-Bacon decomposition later-versus-earlier comparisons, which use already treated cities as controls, carry {F(forbidden)} of the TWFE weight. " +
            $"Randomly reassigning the pilot years {Permutations} times gives a permutation {PClause(placebo.PValue)}.",
            eventFigure, baconFigure, placeboFigure);
    }
}
