using System.Reflection;
using DigitalEconomy.Econometrics.Tests.Infrastructure;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.PublicApi;

/// <summary>
/// Public API review: the surface of each packaged assembly must equal the committed
/// <c>PublicApi/&lt;assembly&gt;.approved.txt</c>. A change to the public surface is then a reviewed diff of that
/// file rather than an accident. After an intended change, regenerate the files with
/// <c>DE_UPDATE_PUBLIC_API=1 dotnet test tests/DigitalEconomy.Econometrics.Tests -c Release --filter "FullyQualifiedName~PublicApi"</c>
/// and commit them (a mismatch also writes <c>&lt;assembly&gt;.received.txt</c> beside the approved file).
/// </summary>
public class PublicApiTests
{
    private const string UpdateVariable = "DE_UPDATE_PUBLIC_API";

    public static TheoryData<string> PackagedAssemblies => new()
    {
        "DigitalEconomy.Econometrics",
        "DigitalEconomy.Econometrics.Plotting",
    };

    [Theory]
    [MemberData(nameof(PackagedAssemblies))]
    public void Public_surface_matches_the_approved_listing(string assemblyName)
    {
        var actual = PublicApiListing.Render(Assembly.Load(assemblyName));
        var folder = Path.Combine(ReferenceData.RepositoryRoot, "tests", "DigitalEconomy.Econometrics.Tests", "PublicApi");
        var approvedPath = Path.Combine(folder, assemblyName + ".approved.txt");
        var receivedPath = Path.Combine(folder, assemblyName + ".received.txt");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(approvedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        var approvedLines = Declarations(approved);
        var actualLines = Declarations(actual);
        var added = actualLines.Where(l => !approvedLines.Contains(l)).Select(l => "+ " + l);
        var removed = approvedLines.Where(l => !actualLines.Contains(l)).Select(l => "- " + l);
        var diff = string.Join("\n", removed.Concat(added).Take(60));
        // Only the changed declarations, not the whole listing, so the failure reads like a review comment.
        Assert.Fail(
            $"The public API of {assemblyName} changed (- removed, + added):\n{diff}\n" +
            $"If intended, run `{UpdateVariable}=1 dotnet test tests/DigitalEconomy.Econometrics.Tests -c Release " +
            $"--filter \"FullyQualifiedName~PublicApi\"` and commit {Path.GetFileName(approvedPath)} (received listing: {receivedPath}).");
    }

    /// <summary>Each declaration of a listing with its type in front, so a diff line says where it belongs.</summary>
    private static List<string> Declarations(string listing)
    {
        var result = new List<string>();
        var type = "";
        foreach (var line in listing.Split('\n').Where(l => l.Length > 0))
        {
            if (!line.StartsWith(' ')) type = line.Split(" : ")[0].Split(' ').Last();
            result.Add(line.StartsWith(' ') ? $"{type}: {line.Trim()}" : line);
        }
        return result;
    }

    [Fact]
    public void Listing_spells_signatures_as_a_consumer_sees_them()
    {
        // Pins the renderer itself on known members, so a broken renderer cannot approve anything silently.
        var listing = PublicApiListing.Render(typeof(DigitalEconomy.Econometrics.Data.PanelData).Assembly);

        listing.Should().Contain("public sealed class DigitalEconomy.Econometrics.Data.PanelData\n");
        listing.Should().Contain("    public static DigitalEconomy.Econometrics.Data.PanelData Read(string path, string entityColumn, string timeColumn, DigitalEconomy.Econometrics.Data.CsvReadOptions? options = null)\n");
        listing.Should().Contain("    public const string MissingToken = \"NA\"\n");
        listing.Should().Contain("    public System.ReadOnlySpan<double> Column(string name)\n");
        listing.Should().Contain("    public string Delimiter { get; init; }\n");
        listing.Should().Contain("    public static double[] Lag(this DigitalEconomy.Econometrics.Data.PanelData panel, string column, int k = 1)\n");
        listing.Should().Contain("public sealed record DigitalEconomy.Econometrics.Reporting.Table");
        listing.Should().NotContain("Clone>$");
        listing.Should().NotContain("PanelCsv.ColumnReader", "private nested types are not part of the surface");
    }
}
