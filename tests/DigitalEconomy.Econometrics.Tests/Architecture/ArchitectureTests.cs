using System.Text.RegularExpressions;
using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;
using NetArchTest.Rules;

namespace DigitalEconomy.Econometrics.Tests.Architecture;

/// <summary>
/// The allowed dependencies between the library's namespaces (docs/architecture.md), enforced twice: on the
/// compiled assembly (NetArchTest reads every type reference in the IL, so a forbidden type used anywhere
/// fails) and on the source (a forbidden <c>using</c> or fully qualified name fails even before it is used).
/// A namespace may reference the layers listed for it, itself, and the root namespace (the exceptions).
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "DigitalEconomy.Econometrics";

    private static readonly string[] Estimators =
        ["Regression", "Mediation", "Threshold", "Indices", "Iv", "Gmm", "Did", "Spatial", "Dynamics"];

    private static readonly string[] EstimatorUses = ["Data", "Model", "Numerics", "Inference", "Resampling", "Results", "Regression"];

    /// <summary>Layer → the layers it may reference (the arrows of docs/architecture.md).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = BuildAllowed();

    private static Dictionary<string, string[]> BuildAllowed()
    {
        var allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["Numerics"] = [],
            ["Data"] = ["Numerics"],
            ["Model"] = ["Data", "Numerics"],
            ["Inference"] = ["Numerics"],
            ["Resampling"] = ["Inference", "Numerics"],
            ["Results"] = ["Inference", "Data", "Model"],
            ["Simulation"] = ["Data", "Numerics", "Indices"],
        };
        foreach (var e in Estimators) allowed[e] = EstimatorUses;
        allowed["Dynamics"] = [.. EstimatorUses, "Spatial"];
        allowed["Reporting"] = [.. allowed.Keys];
        return allowed;
    }

    private static IEnumerable<string> Layers => Allowed.Keys.Append("Reporting").Distinct();

    public static TheoryData<string> LayerNames()
    {
        var data = new TheoryData<string>();
        foreach (var layer in Layers) data.Add(layer);
        return data;
    }

    private static IEnumerable<string> Forbidden(string layer) =>
        Layers.Where(other => other != layer && !Allowed[layer].Contains(other));

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void Compiled_types_reference_only_the_allowed_layers(string layer)
    {
        var failures = new List<string>();
        foreach (var forbidden in Forbidden(layer))
        {
            var result = Types.InAssembly(typeof(PanelData).Assembly)
                .That().ResideInNamespace($"{Root}.{layer}")
                .ShouldNot().HaveDependencyOn($"{Root}.{forbidden}")
                .GetResult();
            if (!result.IsSuccessful)
                failures.AddRange(result.FailingTypeNames.Select(t => $"{t} references {Root}.{forbidden}"));
        }
        failures.Should().BeEmpty(Because(layer));
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void Source_files_import_only_the_allowed_layers(string layer)
    {
        var folder = Path.Combine(ReferenceData.RepositoryRoot, "src", Root, layer);
        if (!Directory.Exists(folder)) return; // a layer not created yet (e.g. Gmm before its estimator lands)
        var reference = new Regex(@"\bDigitalEconomy\.Econometrics\.(\w+)\b");
        var failures = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                if (line.StartsWith("namespace ", StringComparison.Ordinal)) continue;
                foreach (Match m in reference.Matches(lines[i]))
                {
                    var target = m.Groups[1].Value;
                    if (target != layer && Layers.Contains(target) && !Allowed[layer].Contains(target))
                        failures.Add($"{Path.GetRelativePath(ReferenceData.RepositoryRoot, file)}:{i + 1} names {Root}.{target}");
                }
            }
        }
        failures.Should().BeEmpty(Because(layer));
    }

    [Fact]
    public void Numerics_is_internal()
    {
        var result = Types.InAssembly(typeof(PanelData).Assembly)
            .That().ResideInNamespace($"{Root}.Numerics")
            .Should().NotBePublic()
            .GetResult();
        (result.FailingTypeNames ?? []).Should().BeEmpty("Numerics is the internal kernel layer; public signatures must not expose it");
    }

    [Fact]
    public void Plotting_does_not_depend_on_reporting()
    {
        var result = Types.InAssembly(typeof(DigitalEconomy.Econometrics.Plotting.Figures).Assembly)
            .ShouldNot().HaveDependencyOn($"{Root}.Reporting")
            .GetResult();
        (result.FailingTypeNames ?? []).Should().BeEmpty("figures are built from arrays or results, never from tables");
    }

    [Fact]
    public void The_rule_table_catches_a_forbidden_reference()
    {
        // Guard against a rule that cannot fail: Reporting really does depend on Regression, so asking that it
        // must not has to fail.
        var result = Types.InAssembly(typeof(PanelData).Assembly)
            .That().ResideInNamespace($"{Root}.Reporting")
            .ShouldNot().HaveDependencyOn($"{Root}.Regression")
            .GetResult();
        result.IsSuccessful.Should().BeFalse();
        Forbidden("Regression").Should().Contain("Reporting").And.NotContain("Numerics");
    }

    /// <summary>
    /// Types outside Numerics and Inference.Distributions that still call MathNet.Numerics directly, waiting to move
    /// their dense algebra into a Numerics kernel. The list may only shrink: a new type that references MathNet fails.
    /// </summary>
    private static readonly string[] MathNetPendingMigration =
    [
        $"{Root}.Iv.KleibergenPaap", $"{Root}.Iv.IvMoments", $"{Root}.Iv.IvRegression", $"{Root}.Iv.IvEstimation",
        $"{Root}.Iv.AndersonRubinSet", $"{Root}.Spatial.SpatialOperator",
    ];

    private static readonly string[] MathNetPendingFiles =
    [
        "Iv/KleibergenPaap.cs", "Iv/IvMoments.cs", "Iv/IvRegression.cs", "Iv/AndersonRubinSet.cs", "Spatial/SpatialOperator.cs",
    ];

    private static bool MayUseMathNet(string typeName)
    {
        var outer = typeName.Split('+', '/')[0];
        return outer.StartsWith($"{Root}.Numerics.", StringComparison.Ordinal)
            || outer == $"{Root}.Inference.Distributions"
            || MathNetPendingMigration.Contains(outer);
    }

    /// <summary>Compiled types outside the kernel layer that reference MathNet.Numerics, by full name.</summary>
    internal static IReadOnlyList<string> MathNetViolations(System.Reflection.Assembly assembly, Func<string, bool> allowed)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOn("MathNet.Numerics").GetResult();
        return (result.FailingTypeNames ?? []).Where(t => !allowed(t)).ToArray();
    }

    [Fact]
    public void Compiled_types_use_MathNet_only_in_Numerics_and_Distributions()
    {
        MathNetViolations(typeof(PanelData).Assembly, MayUseMathNet).Should().BeEmpty(
            "dense algebra lives in internal Numerics kernels and special functions in Inference.Distributions; " +
            "an estimator calls those, never MathNet.Numerics directly");
    }

    [Fact]
    public void Source_files_name_MathNet_only_in_Numerics_and_Distributions()
    {
        var library = Path.Combine(ReferenceData.RepositoryRoot, "src", Root);
        var mathNet = new Regex(@"\bMathNet\.Numerics\b");
        var failures = new List<string>();
        foreach (var file in Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(library, file).Replace('\\', '/');
            if (relative.StartsWith("Numerics/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)
                || relative.StartsWith("bin/", StringComparison.Ordinal) || relative == "Inference/Distributions.cs"
                || MathNetPendingFiles.Contains(relative)) continue;
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
                if (mathNet.IsMatch(lines[i])) failures.Add($"{relative}:{i + 1} names MathNet.Numerics");
        }
        failures.Should().BeEmpty("only Numerics kernels and Inference.Distributions may use MathNet.Numerics");
    }

    [Fact]
    public void The_MathNet_rule_catches_a_direct_use()
    {
        // Guard against a rule that cannot fail: Numerics does use MathNet, so forbidding it everywhere must report it.
        MathNetViolations(typeof(PanelData).Assembly, _ => false)
            .Should().Contain(t => t.StartsWith($"{Root}.Numerics.", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_reporting_uses_OpenXml()
    {
        var result = Types.InAssembly(typeof(PanelData).Assembly)
            .That().DoNotResideInNamespace($"{Root}.Reporting")
            .ShouldNot().HaveDependencyOn("DocumentFormat.OpenXml")
            .GetResult();
        (result.FailingTypeNames ?? []).Should().BeEmpty("Word output is a table format: only Reporting may use DocumentFormat.OpenXml");
        // Guard against a rule that cannot fail: the Word renderer does use it.
        Types.InAssembly(typeof(PanelData).Assembly).ShouldNot().HaveDependencyOn("DocumentFormat.OpenXml").GetResult()
            .FailingTypeNames.Should().Contain(t => t.StartsWith($"{Root}.Reporting.WordTables", StringComparison.Ordinal));
    }

    private static string Because(string layer) =>
        $"{layer} may reference only {(Allowed[layer].Length == 0 ? "the root namespace" : string.Join(", ", Allowed[layer]))} " +
        "(see docs/architecture.md for where each concept lives)";
}
