using System.Globalization;
using DigitalEconomy.Econometrics.Inference;

namespace DigitalEconomy.Econometrics.Reporting;

/// <summary>
/// Variance notes under a table of several models. A note is written from a template whose per-model numbers
/// (the parameter count K and the cluster counts) are slots, so columns that share an estimator and convention
/// but differ in K — as columns that add controls do — get one note listing the values
/// ("K = 13, 15, 17, 19 in columns (1)–(4)") instead of one near-identical note per column.
/// </summary>
internal static class VarianceNote
{
    /// <summary>
    /// One note per distinct variance description, in order of first appearance. Models whose descriptions
    /// differ only in slot values share one note listing each varying value with its columns; when the table
    /// mixes variance types, every other note names the columns it applies to as well.
    /// </summary>
    public static IReadOnlyList<string> Notes(IReadOnlyList<VarianceSummary> summaries)
    {
        var groups = new List<(string Key, List<int> Columns)>();
        for (int m = 0; m < summaries.Count; m++)
        {
            string key = summaries[m].NoteTemplate ?? summaries[m].Description;
            var group = groups.FindIndex(g => g.Key == key);
            if (group < 0) groups.Add((key, [m]));
            else groups[group].Columns.Add(m);
        }
        var notes = new List<string>(groups.Count);
        foreach (var (key, columns) in groups)
        {
            var members = columns.Select(c => summaries[c]).ToArray();
            string note;
            if (members.Select(s => s.Description).Distinct().Count() == 1)
            {
                note = members[0].Description;
                if (groups.Count > 1) note += " (" + Columns(columns) + ")";
            }
            else
            {
                // Same template (only templated summaries can differ here): list varying slot values per column.
                string where = " in " + Columns(columns);
                string k = Merged(members.Select(s => VarianceNoteTemplate.Count(s.K)).ToArray(), "", where);
                int slots = members.Min(s => s.ClusterCounts.Count);
                string[] Counts(string noun) => Enumerable.Range(0, slots)
                    .Select(i => Merged(members.Select(s => VarianceNoteTemplate.Count(s.ClusterCounts[i])).ToArray(), noun, where)).ToArray();
                note = VarianceNoteTemplate.Fill(key, k, Counts(""), Counts(VarianceNoteTemplate.Noun));
            }
            notes.Add(note + ".");
        }
        return notes;
    }

    private static string Merged(string[] values, string noun, string where) =>
        values.Distinct().Count() == 1 ? values[0] + noun : string.Join(", ", values) + noun + where;

    /// <summary>"column (2)", "columns (1)–(4)" for a consecutive run, else "columns (1), (3)".</summary>
    private static string Columns(IReadOnlyList<int> columns)
    {
        static string Number(int c) => "(" + (c + 1).ToString(CultureInfo.InvariantCulture) + ")";
        if (columns.Count == 1) return "column " + Number(columns[0]);
        bool consecutive = columns.Zip(columns.Skip(1)).All(p => p.Second == p.First + 1);
        return "columns " + (consecutive && columns.Count > 2
            ? Number(columns[0]) + "–" + Number(columns[^1])
            : string.Join(", ", columns.Select(Number)));
    }
}
