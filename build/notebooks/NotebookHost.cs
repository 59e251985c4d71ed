// Copied by build/PackageCheck.cs into the generated notebook project (not compiled in the repository).
// Stands in for the .NET Interactive kernel: the display helpers a C# notebook uses (display, HTML,
// DisplayAs), per-cell capture of what each cell shows, and an executed copy of every notebook with those
// real outputs, written to the output folder (artifacts/notebooks/ from build/check-package.sh).
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

/// <summary>HTML content for <see cref="NotebookHost.display"/>, as the kernel's <c>HTML(...)</c> helper returns.</summary>
public sealed record HtmlContent(string Html)
{
    public override string ToString() => Html;
}

public static class NotebookHost
{
    private static readonly TextWriter Console0 = Console.Out;
    private static Dictionary<int, JsonArray> _outputs = [];
    private static JsonArray _current = [];
    private static StringWriter _stdout = new();
    private static int _cell;
    private static readonly Stopwatch CellClock = new();

    /// <summary>Runs one notebook's cells; returns false (after reporting the failing cell) if any cell threw.</summary>
    public static async Task<bool> RunAsync(string notebookPath, Func<Task> cells, string outputFolder)
    {
        var name = Path.GetFileName(notebookPath);
        _outputs = [];
        _cell = 0;
        var clock = Stopwatch.StartNew();
        bool ok;
        try
        {
            await cells();
            ok = true;
        }
        catch (Exception e)
        {
            ok = false;
            Flush();
            Console.SetOut(Console0);
            _current.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = e.GetType().Name,
                ["evalue"] = e.Message,
                ["traceback"] = new JsonArray(e.ToString().Split('\n').Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
            });
            Console0.WriteLine($"FAILED {name}, cell {_cell}: {e.GetType().Name}: {e.Message}");
            Console0.WriteLine(Indent(OutputText(_current)));
            Console0.WriteLine(Indent(e.ToString()));
        }
        WriteExecutedCopy(notebookPath, outputFolder);
        Console0.WriteLine($"{(ok ? "ok    " : "FAILED")} {name} ({clock.Elapsed.TotalSeconds:F1} s)");
        return ok;
    }

    public static void BeginCell(int index)
    {
        _cell = index;
        _current = [];
        _outputs[index] = _current;
        _stdout = new StringWriter();
        Console.SetOut(_stdout);
        CellClock.Restart();
    }

    public static void EndCell()
    {
        Flush();
        Console.SetOut(Console0);
        Console0.WriteLine($"       cell {_cell,2} ok ({CellClock.Elapsed.TotalSeconds:F2} s)");
    }

    /// <summary>The kernel's <c>display(value)</c>: HTML content as text/html, anything else as plain text.</summary>
    public static void display(object? value)
    {
        if (value is HtmlContent html) Add("text/html", html.Html);
        else Add("text/plain", value?.ToString() ?? "<null>");
    }

    /// <summary>The kernel's <c>HTML(string)</c>: marks a string as HTML for <see cref="display"/>.</summary>
    public static HtmlContent HTML(string html) => new(html);

    /// <summary>The kernel's <c>value.DisplayAs(mimeType)</c>, e.g. <c>"| a |".DisplayAs("text/markdown")</c>.</summary>
    public static void DisplayAs(this string value, string mimeType) => Add(mimeType, value);

    private static void Add(string mimeType, string text)
    {
        Flush();
        _current.Add(new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = new JsonObject { [mimeType] = Lines(text) },
            ["metadata"] = new JsonObject(),
        });
    }

    /// <summary>Turns what the cell printed since the last display into a stdout stream output, keeping order.</summary>
    private static void Flush()
    {
        var text = _stdout.ToString();
        if (text.Length == 0) return;
        _stdout.GetStringBuilder().Clear();
        _current.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = Lines(text) });
    }

    private static JsonArray Lines(string text)
    {
        var parts = text.Replace("\r\n", "\n").Split('\n');
        var lines = new JsonArray();
        for (int i = 0; i < parts.Length; i++)
        {
            var line = i < parts.Length - 1 ? parts[i] + "\n" : parts[i];
            if (line.Length > 0) lines.Add(line);
        }
        return lines;
    }

    private static void WriteExecutedCopy(string notebookPath, string outputFolder)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(notebookPath))!;
        var cells = notebook["cells"]!.AsArray();
        var count = 0;
        for (int c = 0; c < cells.Count; c++)
        {
            if ((string?)cells[c]!["cell_type"] != "code") continue;
            if (!_outputs.TryGetValue(c + 1, out var outputs)) continue; // not reached: the notebook failed earlier
            cells[c]!["execution_count"] = ++count;
            cells[c]!["outputs"] = outputs.DeepClone();
        }
        Directory.CreateDirectory(outputFolder);
        var options = new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(outputFolder, Path.GetFileName(notebookPath)), notebook.ToJsonString(options) + "\n");
    }

    private static string OutputText(JsonArray outputs) => string.Concat(outputs.Select(o =>
        o?["text"] is JsonArray t ? string.Concat(t.Select(x => (string?)x))
        : o?["data"] is JsonObject d ? string.Concat(d.SelectMany(kv => kv.Value!.AsArray().Select(x => (string?)x))) + "\n"
        : ""));

    private static string Indent(string text) => "    " + text.TrimEnd().Replace("\n", "\n    ");
}
