#:property PublishAot=false
#:property Nullable=enable
// Package checks used by build/check-package.sh (a .NET 10 file-based app: `dotnet run --file build/PackageCheck.cs -- ...`).
//
//   inspect   --feed DIR --version V
//       Opens the freshly packed .nupkg/.snupkg files and checks what a user gets: both target frameworks with
//       their XML docs, the README, the license expression, symbols, and that the core package depends only on
//       MathNet.Numerics and CsvHelper (plotting dependencies stay in the Plotting package).
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
//   notebooks --notebooks DIR --version V --project DIR
//       Turns every samples/notebooks/*.ipynb into C# in one generated console project that references the
//       packages named by the notebooks' `#r "nuget: ..."` lines (restored by version from the local feed),
//       so that building and running it executes every code cell in order. Rules the notebooks must follow so
//       that the same code runs in .NET Interactive and here: no committed outputs, no magic commands (#!),
//       no type declarations in cells, one declaration per variable name per notebook, no Span<T> variables
//       (call ToArray()), output through display(...), HTML(...) and "...".DisplayAs("text/markdown").
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
    "notebooks" => GenerateNotebookProject(Option("--notebooks"), Option("--version"), Option("--project")),
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
    Console.Error.WriteLine("usage: PackageCheck.cs inspect | quickstart | grunfeld-json | notebooks [options]; see the comment at the top of the file");
    return 2;
}

static int Inspect(string feed, string version)
{
    var problems = new List<string>();
    var expectations = new (string Id, string[] Dependencies)[]
    {
        ("DigitalEconomy.Econometrics", ["CsvHelper", "MathNet.Numerics"]),
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

static int GenerateNotebookProject(string notebookFolder, string version, string projectFolder)
{
    var notebooks = Directory.Exists(notebookFolder)
        ? Directory.GetFiles(notebookFolder, "*.ipynb").Order(StringComparer.Ordinal).ToArray()
        : [];
    if (notebooks.Length == 0)
    {
        Console.Error.WriteLine($"notebooks: no .ipynb files in {notebookFolder}");
        return 1;
    }
    Directory.CreateDirectory(projectFolder);
    var problems = new List<string>();
    var packages = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    var runs = new StringBuilder();
    for (int n = 0; n < notebooks.Length; n++)
    {
        var className = $"Notebook{n + 1:00}";
        var source = ConvertNotebook(notebooks[n], className, version, packages, problems);
        File.WriteAllText(Path.Combine(projectFolder, className + ".cs"), source);
        runs.AppendLine($"failed += await NotebookHost.RunAsync(@\"{Path.GetFullPath(notebooks[n])}\", {className}.RunAsync, outputFolder) ? 0 : 1;");
    }
    foreach (var problem in problems) Console.Error.WriteLine("notebooks: " + problem);
    if (problems.Count > 0) return 1;

    File.WriteAllText(Path.Combine(projectFolder, "Program.cs"), $$"""
        // <auto-generated/> by build/PackageCheck.cs: runs every notebook's code cells in order.
        // args: [0] the notebooks' folder (the working directory, as in Jupyter), [1] where executed copies go.
        Directory.SetCurrentDirectory(args[0]);
        var outputFolder = args[1];
        var failed = 0;
        {{runs}}
        Console.WriteLine($"notebooks: {{notebooks.Length}} run, {failed} failed");
        return failed == 0 ? 0 : 1;
        """);
    var references = string.Join("\n", packages.Select(p => $"    <PackageReference Include=\"{p.Key}\" Version=\"{p.Value}\" />"));
    File.WriteAllText(Path.Combine(projectFolder, "Notebooks.csproj"), $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <!-- Generated by build/PackageCheck.cs from samples/notebooks/*.ipynb; packages come from the notebooks' #r lines. -->
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <InvariantGlobalization>true</InvariantGlobalization>
            <!-- Notebook cells are scripts: warnings are shown, as the notebook UI would, but do not fail the run. -->
            <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
            <NoWarn>CS1998</NoWarn>
          </PropertyGroup>
          <ItemGroup>
        {references}
          </ItemGroup>
        </Project>
        """);
    File.Copy(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? "build", "notebooks", "NotebookHost.cs"),
              Path.Combine(projectFolder, "NotebookHost.cs"), overwrite: true);
    Console.WriteLine($"notebooks: generated {projectFolder} from {notebooks.Length} notebook(s); packages: " +
                      string.Join(", ", packages.Select(p => $"{p.Key} {p.Value}")));
    return 0;
}

static string ConvertNotebook(string path, string className, string version, IDictionary<string, string> packages, List<string> problems)
{
    var name = Path.GetFileName(path);
    JsonNode root;
    try { root = JsonNode.Parse(File.ReadAllText(path))!; }
    catch (Exception e) { problems.Add($"{name}: not valid JSON ({e.Message})"); return ""; }

    if ((int?)root["nbformat"] != 4) problems.Add($"{name}: nbformat must be 4");
    if ((string?)root["metadata"]?["kernelspec"]?["name"] != ".net-csharp")
        problems.Add($"{name}: metadata.kernelspec.name must be \".net-csharp\" (the .NET Interactive C# kernel)");
    if (root["cells"] is not JsonArray cells || cells.Count == 0) { problems.Add($"{name}: no cells"); return ""; }
    ValidateStructure(name, root, cells, problems);

    var usings = new SortedSet<string>(StringComparer.Ordinal) { "using static NotebookHost;" };
    var body = new StringBuilder();
    var referenceRegex = new Regex("""^\s*#r\s+"nuget:\s*([^,"\s]+)\s*,\s*([^"\s]+)\s*"\s*$""");
    var usingRegex = Patterns.UsingDirective;
    var typeRegex = new Regex(@"^\s*(public\s+|internal\s+|sealed\s+|static\s+|abstract\s+|readonly\s+)*(class|record|struct|interface|enum)\s+[A-Za-z_]");
    var sawCorePackage = false;
    var firstCode = true;
    for (int c = 0; c < cells.Count; c++)
    {
        var cell = cells[c]!;
        var where = $"{name}, cell {c + 1}";
        if ((string?)cell["cell_type"] != "code") continue;
        if (cell["outputs"] is JsonArray { Count: > 0 } || cell["execution_count"] is JsonValue)
            problems.Add($"{where}: committed outputs; commit notebooks without outputs (the runner writes executed copies to artifacts/notebooks/)");
        var language = (string?)cell["metadata"]?["polyglot_notebook"]?["kernelName"] ?? (string?)cell["metadata"]?["dotnet_interactive"]?["language"] ?? "csharp";
        if (language != "csharp") problems.Add($"{where}: kernel '{language}' is not C#");

        var lines = Source(cell).Split('\n');
        var code = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            var reference = referenceRegex.Match(line);
            if (reference.Success)
            {
                var (id, v) = (reference.Groups[1].Value, reference.Groups[2].Value);
                if (id.StartsWith("DigitalEconomy.", StringComparison.OrdinalIgnoreCase) && v != version)
                    problems.Add($"{where}: references {id} {v}, but this build packs {version}; update the #r line");
                if (firstCode && id.Equals("DigitalEconomy.Econometrics", StringComparison.OrdinalIgnoreCase)) sawCorePackage = true;
                if (packages.TryGetValue(id, out var other) && other != v) problems.Add($"{where}: {id} referenced as {other} and {v}");
                packages[id] = v;
                code.AppendLine(); // keep line numbers aligned with the cell
            }
            else if (line.TrimStart().StartsWith("#r", StringComparison.Ordinal) || line.TrimStart().StartsWith("#!", StringComparison.Ordinal))
            {
                problems.Add($"{where}: unsupported directive '{line.Trim()}' (only #r \"nuget: Id, Version\")");
                code.AppendLine();
            }
            else if (usingRegex.IsMatch(line))
            {
                usings.Add(line.Trim());
                code.AppendLine();
            }
            else
            {
                if (typeRegex.IsMatch(line)) problems.Add($"{where}: declares a type ('{line.Trim()}'); keep types in the library, cells hold statements");
                code.AppendLine(line);
            }
        }
        if (firstCode && !sawCorePackage)
            problems.Add($"{where}: the first code cell must load the package: #r \"nuget: DigitalEconomy.Econometrics, {version}\"");
        firstCode = false;

        // A cell boundary is a submission boundary in the kernel: yielding here makes the compiler reject what a
        // notebook cannot do either, such as a Span<T> variable declared in one cell and used in a later one.
        body.AppendLine("        await Task.Yield();");
        body.AppendLine($"        NotebookHost.BeginCell({c + 1});");
        body.AppendLine($"#line 1 \"{name}, cell {c + 1}\"");
        body.Append(code);
        body.AppendLine("#line default");
        body.AppendLine("        NotebookHost.EndCell();");
    }

    var text = new StringBuilder();
    text.AppendLine($"// <auto-generated/> from {name} by build/PackageCheck.cs");
    foreach (var u in usings) text.AppendLine(u);
    text.AppendLine($$"""
        internal static class {{className}}
        {
            public static async Task RunAsync()
            {
        """);
    text.Append(body);
    text.AppendLine("""
            }
        }
        """);
    return text.ToString();
}

// The parts of the nbformat 4 schema that editors rely on: required keys per cell type, and (from nbformat 4.5 on)
// a unique id per cell matching ^[a-zA-Z0-9-_]+$ with at most 64 characters.
static void ValidateStructure(string name, JsonNode root, JsonArray cells, List<string> problems)
{
    var minor = (int?)root["nbformat_minor"];
    if (minor is null) problems.Add($"{name}: nbformat_minor is missing");
    if (root["metadata"] is not JsonObject) problems.Add($"{name}: metadata is missing");
    var ids = new HashSet<string>(StringComparer.Ordinal);
    var idPattern = new Regex("^[a-zA-Z0-9-_]{1,64}$");
    for (int c = 0; c < cells.Count; c++)
    {
        var cell = cells[c] as JsonObject;
        var where = $"{name}, cell {c + 1}";
        if (cell is null) { problems.Add($"{where}: not an object"); continue; }
        var type = (string?)cell["cell_type"];
        if (type is not ("code" or "markdown" or "raw")) problems.Add($"{where}: cell_type '{type}' is not code, markdown or raw");
        if (cell["metadata"] is not JsonObject) problems.Add($"{where}: metadata is missing");
        if (cell["source"] is not (JsonArray or JsonValue)) problems.Add($"{where}: source is missing");
        if (type == "code" && (cell["outputs"] is not JsonArray || !cell.ContainsKey("execution_count")))
            problems.Add($"{where}: a code cell needs outputs and execution_count");
        if (minor >= 5)
        {
            var id = (string?)cell["id"];
            if (id is null || !idPattern.IsMatch(id)) problems.Add($"{where}: nbformat 4.{minor} needs an id matching [a-zA-Z0-9-_]{{1,64}}");
            else if (!ids.Add(id)) problems.Add($"{where}: duplicate cell id '{id}'");
        }
    }
}

static string Source(JsonNode cell) => cell["source"] switch
{
    JsonArray parts => string.Concat(parts.Select(p => (string?)p)),
    JsonValue single => (string?)single ?? "",
    _ => "",
};

/// <summary>Patterns shared by the notebook and documentation converters.</summary>
static class Patterns
{
    /// <summary>A using directive alone on its line (hoisted to the top of a generated file), not a using statement.</summary>
    public static readonly Regex UsingDirective = new(@"^\s*using\s+(static\s+)?([A-Za-z_][\w.]*\s*=\s*)?[A-Za-z_][\w.<>, ]*\s*;\s*$");
}
