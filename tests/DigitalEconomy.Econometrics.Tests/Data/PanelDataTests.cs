using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Data;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Data;

/// <summary>Structure detection, listwise deletion, subsetting, balancing, duplicates and column errors.</summary>
public class PanelDataTests
{
    private static readonly double NaN = double.NaN;

    [Fact]
    public void Structure_of_balanced_unbalanced_and_gapped_panels()
    {
        var balanced = new PanelDataBuilder("id", "t").Keys([1, 1, 2, 2], [1, 2, 1, 2]).Numeric("x", [1, 2, 3, 4]).Build();
        balanced.Structure.Should().Be(new PanelStructure(4, 2, 2, 2, 2, 0, 0));
        balanced.Structure.IsBalanced.Should().BeTrue();
        balanced.Structure.ToString().Should().Be("2 entities × 2 periods, 4 observations, balanced");

        // Entity 2 starts late: unbalanced without gaps.
        var late = new PanelDataBuilder("id", "t").Keys([1, 1, 1, 2, 2], [1, 2, 3, 2, 3]).Numeric("x", [1, 2, 3, 4, 5]).Build();
        late.Structure.Should().Be(new PanelStructure(5, 2, 3, 2, 3, 0, 1));
        late.Structure.HasGaps.Should().BeFalse();

        // Entity 2 skips period 2: a gap.
        var gapped = new PanelDataBuilder("id", "t").Keys([1, 1, 1, 2, 2, 3], [1, 2, 3, 1, 3, 2]).Numeric("x", [1, 2, 3, 4, 5, 6]).Build();
        gapped.Structure.Should().Be(new PanelStructure(6, 3, 3, 1, 3, 1, 2));
        gapped.Structure.HasGaps.Should().BeTrue();
        gapped.Structure.ToString().Should().Be("3 entities × 3 periods, 6 observations, unbalanced (2 entities incomplete, 1 with gaps; 1–3 periods per entity)");
    }

    [Fact]
    public void Rows_are_sorted_by_entity_then_time_with_numeric_keys_in_numeric_order()
    {
        var p = PanelCsv.Read(new StringReader("id,year,x\n10,2009,4\n9,2010,3\n10,2008,2\n9,2008,1\n"), "t.csv", "id", "year");
        p.Entities.Levels.Should().Equal("9", "10");
        p.Column("x").ToArray().Should().Equal(1, 3, 2, 4);
        p.Structure.EntitiesWithGaps.Should().Be(1, "entity 9 has 2008 and 2010 but not 2009");
    }

    [Fact]
    public void Labels_with_equal_numeric_values_sort_as_text()
    {
        // "1" and "01" are the same number; numeric order would tie, so the levels are ordered as text.
        var f = Factor.FromStrings(["1", "01", "2"]);
        f.IsNumeric.Should().BeFalse();
        f.Levels.Should().Equal("01", "1", "2");
    }

    [Fact]
    public void Listwise_deletion_reports_rows_entities_and_columns()
    {
        var p = new PanelDataBuilder("city", "year")
            .Keys(["A", "A", "B", "B", "C"], [1, 2, 1, 2, 1])
            .Numeric("gap", [1, NaN, NaN, NaN, 5])
            .Numeric("fdi", [1, 2, NaN, 4, NaN])
            .Numeric("other", [NaN, NaN, NaN, NaN, NaN])
            .Build();
        var kept = p.DropMissing(["gap", "fdi", "gap"], out var report);
        kept.RowCount.Should().Be(1);
        kept.Describe(0).Should().Be("(A, 1)");
        report.RowsBefore.Should().Be(5);
        report.RowsDropped.Should().Be(4);
        report.RowsKept.Should().Be(1);
        report.EntitiesDropped.Should().Be(2);
        report.DroppedEntities.Should().Equal("B", "C");
        report.MissingByColumn.Should().Equal(new KeyValuePair<string, int>("gap", 3), new KeyValuePair<string, int>("fdi", 2));
        report.ToString().Should().Be("4 of 5 rows dropped for missing values (gap: 3, fdi: 2); 2 entities dropped entirely.");

        p.DropMissing(["fdi"], out var none).RowCount.Should().Be(3);
        none.EntitiesDropped.Should().Be(1);
        p.WithoutColumns("other").DropMissing(["city" == "x" ? "" : "gap"], out _).RowCount.Should().Be(2);
        var all = kept.DropMissing(["gap"], out var nothing);
        all.Should().BeSameAs(kept);
        nothing.ToString().Should().Be("No rows dropped for missing values.");
    }

    [Fact]
    public void Balance_keeps_complete_entities_and_BalanceLargest_chooses_the_best_period_range()
    {
        // E1: 2008–2011; E2: 2009–2011; E3: 2008 only.
        var p = new PanelDataBuilder("e", "year")
            .Keys(["E1", "E1", "E1", "E1", "E2", "E2", "E2", "E3"], [2008, 2009, 2010, 2011, 2009, 2010, 2011, 2008])
            .Numeric("x", [1, 2, 3, 4, 5, 6, 7, 8]).Build();
        var full = p.Balance();
        full.Entities.Levels.Should().Equal("E1");
        full.RowCount.Should().Be(4);
        full.Structure.IsBalanced.Should().BeTrue();

        // Ranges: 2008–2011 keeps 1×4 = 4 rows; 2009–2011 keeps 2×3 = 6 rows (the largest); 2008 alone 2×1.
        var largest = p.BalanceLargest();
        largest.Entities.Levels.Should().Equal("E1", "E2");
        largest.Times.Levels.Should().Equal("2009", "2010", "2011");
        largest.Column("x").ToArray().Should().Equal(2, 3, 4, 5, 6, 7);
        largest.Structure.IsBalanced.Should().BeTrue();

        var none = new PanelDataBuilder("e", "t").Keys([1, 2], [1, 2]).Numeric("x", [1, 2]).Build();
        FluentActions.Invoking(() => none.Balance()).Should().Throw<SpecificationException>()
            .WithMessage("No entity is observed in all 2 periods, so no balanced sub-panel exists over the full range; BalanceLargest() can shorten the period range.");
        none.BalanceLargest().RowCount.Should().Be(1, "one entity in one period is the largest balanced piece; the longer range wins ties, then the earlier");
        none.BalanceLargest().Describe(0).Should().Be("(1, 1)");
    }

    [Fact]
    public void Subsetting_by_group_value_and_by_predicate()
    {
        var p = new PanelDataBuilder("city", "year")
            .Keys(["A", "A", "B", "B", "C"], [1, 2, 1, 2, 1])
            .Numeric("x", [1, 2, 3, 4, 5])
            .Text("region", ["East", "East", "West", "West", "Central"])
            .Build();
        var east = p.WhereGroup("region", "East");
        east.RowCount.Should().Be(2);
        east.Grouping("region").Levels.Should().Equal("East");
        p.WhereGroup("region", "East", "Central").Entities.Levels.Should().Equal("A", "C");
        p.WhereGroup("year", "2").Column("x").ToArray().Should().Equal(2, 4);
        p.Where("x", v => v > 2.5).Entities.Levels.Should().Equal("B", "C");
        p.Where(r => r % 2 == 0).Column("x").ToArray().Should().Equal(1, 3, 5);
        FluentActions.Invoking(() => p.WhereGroup("region", "Esat")).Should().Throw<SpecificationException>()
            .WithMessage("Column 'region' has no value \"Esat\". Its values are: Central, East, West.");
    }

    [Fact]
    public void Duplicate_keys_built_in_code_name_the_rows()
    {
        var act = () => new PanelDataBuilder("id", "t").Keys([1, 2, 1], [5, 5, 5]).Numeric("x", [1, 2, 3]).Build();
        act.Should().Throw<EconometricsException>().WithMessage("Duplicate (id, t) keys: (1, 5) on rows 1 and 3. Each (id, t) pair may appear only once.");
    }

    [Fact]
    public void Column_errors_say_what_exists()
    {
        var p = new PanelDataBuilder("city", "year").Keys(["A"], [1]).Numeric("gdp", [1]).Text("region", ["East"]).Build();
        FluentActions.Invoking(() => p.Column("gpd")).Should().Throw<SpecificationException>()
            .WithMessage("No column named 'gpd'. Did you mean 'gdp'? Available columns: city, year, gdp, region.");
        FluentActions.Invoking(() => p.Column("GDP")).Should().Throw<SpecificationException>()
            .WithMessage("No column named 'GDP'. Did you mean 'gdp'? Available columns: city, year, gdp, region.");
        FluentActions.Invoking(() => p.Column("region")).Should().Throw<SpecificationException>()
            .WithMessage("Column 'region' holds text, but a numeric column is needed here.");
        FluentActions.Invoking(() => p.Column("year")).Should().Throw<SpecificationException>()
            .WithMessage("Column 'year' is the time key, not a data column; add a numeric copy with WithColumn if you need its values.");
        FluentActions.Invoking(() => p.WithoutColumns("city")).Should().Throw<SpecificationException>()
            .WithMessage("Column 'city' is a key of the panel and cannot be removed.");
        FluentActions.Invoking(() => p.WithColumn("x", [1, 2])).Should().Throw<EconometricsException>()
            .WithMessage("Column 'x' has 2 values but the panel has 1 rows.");
        FluentActions.Invoking(() => new PanelDataBuilder("id", "t").Build()).Should().Throw<EconometricsException>()
            .WithMessage("Call Keys(...) before Build(): a panel needs entity and time keys.");
    }

    [Fact]
    public void Factor_from_codes_with_unused_levels_does_not_invent_periods()
    {
        var times = Factor.FromCodes([0, 2], ["2008", "2009", "2010"]);
        var p = PanelData.Create("id", Factor.FromIntegers([1, 1]), "year", times, [new("x", new[] { 1.0, 2.0 })]);
        p.Structure.PeriodCount.Should().Be(2);
        p.Structure.IsBalanced.Should().BeTrue();
        // Only 2008 and 2010 remain, so the panel's step is 2 years and 2010's previous period is 2008.
        p.TimeStep.Should().Be(2);
        p.Lag("x").Should().Equal(NaN, 1);
    }

    [Fact]
    public void Descriptive_statistics_match_hand_computation()
    {
        var p = new PanelDataBuilder("id", "t").Keys([1, 1, 1, 1, 1], [1, 2, 3, 4, 5])
            .Numeric("x", [1, 2, 3, 4, NaN]).Numeric("empty", [NaN, NaN, NaN, NaN, NaN]).Build();
        var stats = DescriptiveStatistics.Compute(p);
        var x = stats.Columns[0];
        x.Count.Should().Be(4);
        x.Mean.Should().Be(2.5);
        // sd = sqrt(5/3) with the n − 1 denominator; 1e-15 covers rounding in the two-pass sum.
        x.StandardDeviation.Should().BeApproximately(Math.Sqrt(5.0 / 3.0), 1e-15);
        (x.Min, x.Max).Should().Be((1.0, 4.0));
        stats.Columns[1].Count.Should().Be(0);
        double.IsNaN(stats.Columns[1].Mean).Should().BeTrue();
        var table = stats.ToTable(2);
        table.Headers.Should().Equal("Variable", "N", "Mean", "SD", "Min", "Max");
        table.Rows[0].Cells.Should().Equal("4", "2.50", "1.29", "1.00", "4.00");
        table.Rows[1].Cells.Should().Equal("0", ".", ".", ".", ".");
        table.Notes.Should().Equal("Panel: 1 entities × 5 periods, 5 observations, balanced.");
    }
}
