using DigitalEconomy.Econometrics.Data;
using DigitalEconomy.Econometrics.Spatial;
using FluentAssertions;

namespace DigitalEconomy.Econometrics.Tests.Spatial;

/// <summary>Construction, scaling, checks and file round trips of spatial weight matrices.</summary>
public class SpatialWeightsTests
{
    private static readonly string[] Keys = ["a", "b", "c", "d"];

    [Fact]
    public void Haversine_distance_of_one_degree_on_the_equator_is_a_360th_of_the_circumference()
    {
        var c = SpatialCoordinates.Geographic(["p", "q", "r"], [0, 0, 89], [0, 1, 0]);
        // exact: 2πR/360 with R = 6371 km (1e-12 relative, closed form)
        c.Distance(0, 1).Should().BeApproximately(2 * Math.PI * 6371 / 360, 1e-12 * 111);
        c.Distance(0, 2).Should().BeApproximately(2 * Math.PI * 6371 * 89 / 360, 1e-9);
        SpatialWeights.InverseDistance(c).EarthRadiusKm.Should().Be(6371);
    }

    [Fact]
    public void Inverse_distance_knn_and_band_follow_their_definitions()
    {
        var c = SpatialCoordinates.Planar(Keys, [0, 1, 3, 5], [0, 0, 0, 0]);
        var inv = SpatialWeights.InverseDistance(c, alpha: 2);
        inv.Weight(0, 2).Should().BeApproximately(1.0 / 9, 1e-15);
        inv.IsSymmetric.Should().BeTrue();
        var cut = SpatialWeights.InverseDistance(c, cutoff: 2.5);
        cut.NeighbourCount(0).Should().Be(1);
        cut.NeighbourCount(1).Should().Be(2);
        cut.NeighbourCount(2).Should().Be(2, "c is 2 from b and from d");
        var act = () => SpatialWeights.InverseDistance(c, cutoff: 1.5);
        act.Should().Throw<SpecificationException>().WithMessage("*no neighbour*'c', 'd'*");
        var knn = SpatialWeights.NearestNeighbours(c, 2);
        knn.Links.Where(l => l.From == 3).Select(l => l.To).Should().BeEquivalentTo([1, 2]);
        knn.IsSymmetric.Should().BeFalse();
        var row = knn.Standardise(WeightStyle.Row);
        row.IsRowStandardised.Should().BeTrue();
        row.Weight(3, 1).Should().Be(0.5);
        var band = SpatialWeights.DistanceBand(c, 4);
        band.NeighbourCount(3).Should().Be(2);
        band.Standardise(WeightStyle.Global).Links.Sum(l => l.Weight).Should().BeApproximately(4, 1e-14);
        band.Standardise(WeightStyle.Binary).Links.All(l => l.Weight == 1).Should().BeTrue();
    }

    [Fact]
    public void Economic_and_nested_matrices_are_built_from_unit_means()
    {
        var econ = SpatialWeights.Economic(Keys, [1, 2, 4, 8]);
        econ.Weight(0, 3).Should().BeApproximately(1.0 / 7, 1e-15);
        var geo = SpatialWeights.DistanceBand(SpatialCoordinates.Planar(Keys, [0, 1, 2, 3], [0, 0, 0, 0]), 1);
        var nested = SpatialWeights.GeoEconomic(geo, econ, 0.5);
        nested.IsRowStandardised.Should().BeTrue();
        // row a: geo neighbours {b} (weight 1), economic row-standardised 1/1, 1/3, 1/7 over their sum
        double s = 1 + 1.0 / 3 + 1.0 / 7;
        nested.Weight(0, 1).Should().BeApproximately(0.5 + 0.5 * 1 / s, 1e-14);
        nested.Weight(0, 3).Should().BeApproximately(0.5 * (1.0 / 7) / s, 1e-14);
        var same = () => SpatialWeights.Economic(Keys, [1, 1, 2, 3]);
        same.Should().Throw<SpecificationException>().WithMessage("*same mean*");
    }

    [Fact]
    public void List_round_trip_and_file_formats_agree()
    {
        var dir = Directory.CreateTempSubdirectory("de-spatial-");
        try
        {
            var w = SpatialWeights.NearestNeighbours(SpatialCoordinates.Planar(Keys, [0, 1, 3, 7], [0, 2, 0, 1]), 2).Standardise(WeightStyle.Row);
            var list = Path.Combine(dir.FullName, "w.csv");
            w.WriteList(list);
            var back = SpatialWeights.ReadList(list).AlignTo(Keys);
            back.Links.Should().Equal(w.Links);

            var edges = Path.Combine(dir.FullName, "edges.csv");
            File.WriteAllText(edges, "from,to\na,b\nb,c\nc,d\nd,a\n");
            var gal = Path.Combine(dir.FullName, "w.gal");
            File.WriteAllText(gal, "0 4 test\na 2\nb d\nb 2\na c\nc 2\nb d\nd 2\nc a\n");
            var dense = Path.Combine(dir.FullName, "dense.csv");
            File.WriteAllText(dense, ",a,b,c,d\na,0,1,0,1\nb,1,0,1,0\nc,0,1,0,1\nd,1,0,1,0\n");
            var fromEdges = SpatialWeights.ReadEdgeList(edges).AlignTo(Keys);
            SpatialWeights.ReadGal(gal).AlignTo(Keys).Links.Should().Equal(fromEdges.Links);
            SpatialWeights.ReadDense(dense).AlignTo(Keys).Links.Should().Equal(fromEdges.Links);
            fromEdges.IsSymmetric.Should().BeTrue();
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Mismatched_units_and_bad_files_give_one_line_errors()
    {
        var w = SpatialWeights.DistanceBand(SpatialCoordinates.Planar(Keys, [0, 1, 2, 3], [0, 0, 0, 0]), 1);
        var act = () => w.AlignTo(["a", "b", "c", "x", "y"]);
        act.Should().Throw<SpecificationException>().WithMessage("*2 entity(ies) of the data have no row in the weights ('x', 'y')*1 unit(s) of the weights are not entities of the data ('d')*");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "i,j,w\na,b,1\na,b,2\nb,a,1\n");
            var dup = () => SpatialWeights.ReadList(path);
            dup.Should().Throw<DataFormatException>().WithMessage("*:3: the pair ('a', 'b') is listed twice*");
            File.WriteAllText(path, "i,j,w\na,b,x\n");
            var bad = () => SpatialWeights.ReadList(path);
            bad.Should().Throw<DataFormatException>().WithMessage("*:2, column 'w'*");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
