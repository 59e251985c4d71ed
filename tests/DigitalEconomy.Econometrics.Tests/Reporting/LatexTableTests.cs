using DigitalEconomy.Econometrics.Reporting;
using DigitalEconomy.Econometrics.Tests.Cli;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Reporting;

/// <summary>LaTeX that pdflatex accepts as written: minus signs, Greek, symbols, stars, CJK and row starts.</summary>
public sealed class LatexTableTests
{
    private static Table Tricky() => new TableBuilder("Threshold γ̂ and Σ of μ² — “quoted” 50% & more")
        .Columns("", "(1) gap", "(2) 城市")
        .Row("dei × gov", "-0.123***", "−0.5*")
        .Row("", "(0.045)", "[-2.73]")
        .Row("*starred label", "1.0", "[x]")
        .Row("γ ≥ 0.5, −γ", "μ_1", "a^b")
        .Row("城市固定效应", "Yes", "是")
        .Note("* p < 0.1, ** p < 0.05, *** p < 0.01")
        .Note("** second note starting with stars")
        .Build();

    [Fact]
    public void Escapes_minus_greek_symbols_and_stars_into_math_mode()
    {
        var tex = Tricky().Render(TableFormat.Latex);
        tex.Should().Contain("$-$0.123$^{***}$").And.Contain("$-$0.5$^{*}$").And.Contain("[$-$2.73]");
        tex.Should().Contain("$\\gamma$").And.Contain("$\\Sigma$").And.Contain("$\\mu^{2}$").And.Contain("$\\times$").And.Contain("$\\geq$");
        tex.Should().Contain("$-\\gamma$", "adjacent math pieces merge; \"$-$$\\gamma$\" would open display math");
        tex.Should().NotContain("$$");
        tex.Should().Contain("{}*starred label").And.Contain("{}[x]", "a cell after \\\\ must not start with * or [");
        tex.Should().Contain("\\DEunicode{城市固定效应}").And.Contain("\\providecommand{\\DEunicode}");
        tex.Should().Contain("50\\% \\& more");
        tex.Should().NotContain("\\\\\n*").And.NotContain("\\\\\n[");
    }

    [Fact]
    public void Pure_ascii_tables_do_not_define_the_unicode_macro()
    {
        new TableBuilder("t").Columns("", "a").Row("x", "-1").Build().Render(TableFormat.Latex).Should().NotContain("DEunicode");
    }

    [PdfLatexFact]
    public void A_table_with_greek_minus_cjk_and_star_rows_compiles_with_pdflatex()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.PathName, "natural.tex"), Tricky().Render(TableFormat.Latex));
        var wide = new TableBuilder("Wide").Columns(Enumerable.Range(0, 16).Select(i => i == 0 ? "" : $"({i}) a long header").ToArray())
            .Row("x", Enumerable.Repeat("-0.123***", 15).ToArray()).Build();
        File.WriteAllText(Path.Combine(dir.PathName, "wide.tex"),
            wide.Render(TableFormat.Latex, new TableRenderOptions { LatexWidth = LatexWidth.ShrinkToTextWidth }));
        ReplicatedLatex.AssertAllCompile(dir.PathName);
    }
}
