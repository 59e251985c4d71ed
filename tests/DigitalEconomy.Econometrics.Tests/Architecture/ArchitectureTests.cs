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

    private static string Because(string layer) =>
        $"{layer} may reference only {(Allowed[layer].Length == 0 ? "the root namespace" : string.Join(", ", Allowed[layer]))} " +
        "(see docs/architecture.md for where each concept lives)";
}
