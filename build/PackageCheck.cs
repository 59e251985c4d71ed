#:property PublishAot=false
#:property Nullable=enable
// Package checks used by build/check-package.sh (a .NET 10 file-based app: `dotnet run --file build/PackageCheck.cs -- ...`).
//
//   inspect   --feed DIR --version V
//       Opens the freshly packed .nupkg/.snupkg files and checks what a user gets: both target frameworks with
//       their XML docs, the README, the license expression, symbols, and that the core package depends only on
//       MathNet.Numerics, CsvHelper, the two readers MiniExcel (.xlsx) and Parquet.Net, and DocumentFormat.OpenXml (the Word
//       tables of Reporting) (plotting dependencies stay
//       in the Plotting package).
//
//   quickstart --readme FILE --version V --project DIR [--docs FILE...]
//       Writes the README's "## Quickstart" C# block, unchanged, as the Program.cs of a console project that
//       references DigitalEconomy.Econometrics by version, so CI can build and run exactly what users copy; every
//       other ```csharp block of the README and the --docs files becomes a method of Snippets.cs, so the build
//       also proves that each snippet compiles against the package. `#r "nuget: DigitalEconomy...` lines in the
//       documents must name this version.
//
//   grunfeld-json --file FILE
//       Checks the `de-econ fe --format json` document of the Grunfeld firm-FE model clustered by firm against
//       Stata's published numbers (the installed dotnet tool's end-to-end check).
//
// Notebooks run in the real .NET Interactive kernel instead: build/run-notebooks.sh.
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

return args.FirstOrDefault() switch
{
    "inspect" => Inspect(Option("--feed"), Option("--version")),
    "quickstart" => GenerateQuickstartProject(Option("--readme"), Option("--version"), Option("--project"),
                                              args.SkipWhile(a => a != "--docs").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray()),
    "grunfeld-json" => CheckGrunfeldJson(Option("--file")),
    _ => Usage(),
};

string Option(string name)
{
    var i = Array.IndexOf(args, name);
    if (i < 0 || i + 1 >= args.Length) throw new ArgumentException($"missing option {name}");
    return args[i + 1];
}

static int Usage()
{
    Console.Error.WriteLine("usage: PackageCheck.cs inspect | quickstart | grunfeld-json [options]; see the comment at the top of the file");
    return 2;
}

static int Inspect(string feed, string version)
{
    var problems = new List<string>();
    var expectations = new (string Id, string[] Dependencies)[]
    {
        ("DigitalEconomy.Econometrics", ["CsvHelper", "DocumentFormat.OpenXml", "MathNet.Numerics", "MiniExcel", "Parquet.Net"]),
        ("DigitalEconomy.Econometrics.Plotting", ["DigitalEconomy.Econometrics", "ScottPlot"]),
    };
    foreach (var (id, requiredDependencies) in expectations)
    {
        var nupkg = Path.Combine(feed, $"{id}.{version}.nupkg");
        var snupkg = Path.Combine(feed, $"{id}.{version}.snupkg");
        if (!File.Exists(nupkg)) { problems.Add($"{id}: {nupkg} was not produced"); continue; }
        if (!File.Exists(snupkg)) problems.Add($"{id}: no symbol package {Path.GetFileName(snupkg)}");

        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var tfm in new[] { "net8.0", "net10.0" })
        foreach (var ext in new[] { ".dll", ".xml" })
        {
            var entry = $"lib/{tfm}/{id}{ext}";
            if (!entries.Contains(entry)) problems.Add($"{id}: missing {entry}");
        }
        if (!entries.Contains("README.md")) problems.Add($"{id}: README.md is not in the package");

        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var nuspecStream = nuspecEntry.Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string? Meta(string name) => metadata.Element(ns + name)?.Value;
        if (Meta("version") != version) problems.Add($"{id}: nuspec version {Meta("version")} != {version}");
        if (metadata.Element(ns + "license") is not { } license || license.Attribute("type")?.Value != "expression" || license.Value != "MIT")
            problems.Add($"{id}: license is not the MIT expression");
        if (Meta("readme") != "README.md") problems.Add($"{id}: nuspec has no <readme>");
        foreach (var field in new[] { "authors", "description", "tags", "copyright" })
            if (string.IsNullOrWhiteSpace(Meta(field))) problems.Add($"{id}: nuspec has no <{field}>");

        var groups = metadata.Element(ns + "dependencies")?.Elements(ns + "group").ToList() ?? [];
        foreach (var tfm in new[] { "net8.0", "net10.0" })
        {
            var group = groups.FirstOrDefault(g => g.Attribute("targetFramework")?.Value == tfm);
            var dependencies = group?.Elements(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToHashSet() ?? [];
            foreach (var required in requiredDependencies)
                if (!dependencies.Contains(required)) problems.Add($"{id} ({tfm}): no dependency on {required}");
            if (id == "DigitalEconomy.Econometrics" && !dependencies.SetEquals(requiredDependencies))
                problems.Add($"{id} ({tfm}): depends on {string.Join(", ", dependencies.Order())}; the core must depend only on {string.Join(", ", requiredDependencies)}");
        }
        Console.WriteLine($"{id} {version}: {entries.Count} files, dependencies per framework: " +
                          string.Join("; ", groups.Select(g => g.Attribute("targetFramework")!.Value + " → " +
                                                               string.Join(", ", g.Elements(ns + "dependency").Select(d => d.Attribute("id")!.Value)))));
    }
    foreach (var problem in problems) Console.Error.WriteLine("package: " + problem);
    return problems.Count == 0 ? 0 : 1;
}

static int CheckGrunfeldJson(string file)
{
    // Stata xtreg inv value capital, fe vce(cluster firm): b = 0.1101238, 0.3100653; SE = 0.0151945, 0.0527518
    // (printed to 6 significant digits, hence 1e-5 relative for SEs; coefficients agree with R to 1e-15).
    var expected = new Dictionary<string, (double Estimate, double StdError)>
    {
        ["value"] = (0.11012380412071858, 0.0151945),
        ["capital"] = (0.31006534130013924, 0.0527518),
    };
    var document = JsonNode.Parse(File.ReadAllText(file))!;
    var failures = 0;
    foreach (var (name, (estimate, stdError)) in expected)
    {
        var coefficient = document["coefficients"]?.AsArray().FirstOrDefault(c => (string?)c?["name"] == name);
        var b = (double?)coefficient?["estimate"];
        var se = (double?)coefficient?["std_error"];
        var ok = b is { } bv && Math.Abs(bv - estimate) <= 1e-8 * Math.Abs(estimate)
              && se is { } sv && Math.Abs(sv - stdError) <= 1e-5 * stdError;
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {name}: estimate {b}, std_error {se} (Stata {estimate:F7}, {stdError})");
        if (!ok) failures++;
    }
    return failures == 0 ? 0 : 1;
}

static int GenerateQuickstartProject(string readme, string version, string projectFolder, string[] docs)
{
    var lines = File.ReadAllLines(readme);
    var heading = Array.FindIndex(lines, l => l.StartsWith("## Quickstart", StringComparison.Ordinal));
    var open = heading < 0 ? -1 : Array.FindIndex(lines, heading, l => l.Trim() == "```csharp");
    var close = open < 0 ? -1 : Array.FindIndex(lines, open + 1, l => l.Trim() == "```");
    if (close < 0)
    {
        Console.Error.WriteLine($"quickstart: {readme} has no ```csharp block under a '## Quickstart' heading");
        return 1;
    }
    Directory.CreateDirectory(projectFolder);
    File.WriteAllLines(Path.Combine(projectFolder, "Program.cs"), lines[(open + 1)..close]);

    // Every other C# block: a method each; blocks that use `panel` without declaring it get it as a parameter.
    var problems = new List<string>();
    var snippets = new StringBuilder();
    var count = 0;
    var usings = new SortedSet<string>(StringComparer.Ordinal)
    {
        "using DigitalEconomy.Econometrics;", "using DigitalEconomy.Econometrics.Data;", "using DigitalEconomy.Econometrics.Indices;",
        "using DigitalEconomy.Econometrics.Mediation;", "using DigitalEconomy.Econometrics.Regression;",
        "using DigitalEconomy.Econometrics.Reporting;", "using DigitalEconomy.Econometrics.Simulation;", "using DigitalEconomy.Econometrics.Threshold;",
        "using DigitalEconomy.Econometrics.Inference;", "using DigitalEconomy.Econometrics.Resampling;", "using DigitalEconomy.Econometrics.Results;",
        "using DigitalEconomy.Econometrics.Model;", "using DigitalEconomy.Econometrics.Iv;", "using DigitalEconomy.Econometrics.Gmm;",
        "using DigitalEconomy.Econometrics.Did;", "using DigitalEconomy.Econometrics.Spatial;", "using DigitalEconomy.Econometrics.Dynamics;",
    };
    var usingRegex = Patterns.UsingDirective;
    var referenceRegex = new Regex(@"#r\s+""nuget:\s*(DigitalEconomy[^,""\s]*)\s*,\s*([^""\s]+)\s*""");
    foreach (var document in new[] { readme }.Concat(docs))
    {
        var text = File.ReadAllLines(document);
        foreach (Match m in referenceRegex.Matches(string.Join("\n", text)))
            if (m.Groups[2].Value != version)
                problems.Add($"{Path.GetFileName(document)}: '#r \"nuget: {m.Groups[1].Value}, {m.Groups[2].Value}\"' does not name this version, {version}");
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i].Trim() != "```csharp") continue;
            var end = Array.FindIndex(text, i + 1, l => l.Trim() == "```");
            if (end < 0) { problems.Add($"{Path.GetFileName(document)}:{i + 1}: unterminated ```csharp block"); break; }
            var block = text[(i + 1)..end];
            var isQuickstart = document == readme && i == open;
            var isScript = block.Any(l => l.TrimStart().StartsWith("#r", StringComparison.Ordinal));
            if (!isQuickstart && !isScript)
            {
                var parameter = block.Any(l => Regex.IsMatch(l, @"\bvar panel\b")) ? "" : "DigitalEconomy.Econometrics.Data.PanelData panel";
                var name = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(readme))!, Path.GetFullPath(document));
                snippets.AppendLine($"    // {name}, line {i + 2}");
                snippets.AppendLine($"    public static void Snippet{++count}({parameter})");
                snippets.AppendLine("    {");
                snippets.AppendLine($"#line {i + 2} \"{name}\"");
                foreach (var line in block)
                {
                    // using directives go to the top of the file; a blank line keeps the line numbers.
                    if (usingRegex.IsMatch(line)) { usings.Add(line.Trim()); snippets.AppendLine(); }
                    else snippets.AppendLine(line);
                }
                snippets.AppendLine("#line default");
                snippets.AppendLine("    }");
            }
            i = end;
        }
    }
    foreach (var problem in problems) Console.Error.WriteLine("quickstart: " + problem);
    if (problems.Count > 0) return 1;
    File.WriteAllText(Path.Combine(projectFolder, "Snippets.cs"), $$"""
        // <auto-generated/> by build/PackageCheck.cs: the documentation's C# snippets, compiled (never run).
        {{string.Join("\n", usings)}}

        internal static class DocumentationSnippets
        {
        {{snippets}}
        }
        """);
    File.WriteAllText(Path.Combine(projectFolder, "Quickstart.csproj"), $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <!-- Generated by build/PackageCheck.cs from the README's Quickstart block and the documentation's snippets. -->
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <InvariantGlobalization>true</InvariantGlobalization>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <!-- Snippets assign results they do not use further (CS0219/IDE) and are never called. -->
            <NoWarn>$(NoWarn);CS0219;CS8321</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="DigitalEconomy.Econometrics" Version="{version}" />
          </ItemGroup>
        </Project>
        """);
    Console.WriteLine($"quickstart: {close - open - 1} lines from {Path.GetFileName(readme)} and {count} snippet(s) from " +
                      $"{string.Join(", ", new[] { readme }.Concat(docs).Select(d => Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(readme))!, Path.GetFullPath(d))))} → {projectFolder}");
    return 0;
}

/// <summary>Patterns of the documentation converter.</summary>
static class Patterns
{
    /// <summary>A using directive alone on its line (hoisted to the top of a generated file), not a using statement.</summary>
    public static readonly Regex UsingDirective = new(@"^\s*using\s+(static\s+)?([A-Za-z_][\w.]*\s*=\s*)?[A-Za-z_][\w.<>, ]*\s*;\s*$");
}
