package io.memtile.report.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {
    @Test
    void keepsExactlyTheNonDominatedRunsByEnergy() {
        var a = new ParetoFront.Point("a", 0.95, 26e-6);   // dominated by c (same accuracy, less energy)
        var b = new ParetoFront.Point("b", 0.80, 2.5e-6);  // dominated by e
        var c = new ParetoFront.Point("c", 0.95, 2.6e-6);
        var d = new ParetoFront.Point("d", 0.96, 30e-6);   // most accurate: on the front
        var e = new ParetoFront.Point("e", 0.94, 0.4e-6);  // cheapest: on the front
        ParetoFront f = ParetoFront.of(List.of(a, b, c, d, e));
        assertEquals(List.of(e, c, d), f.front());
        assertEquals(5, f.points().size());
        assertEquals(3, f.section().rows().size());
    }

    @Test
    void equalPointsAreBothOnTheFront() {
        var a = new ParetoFront.Point("a", 0.9, 1e-6);
        var b = new ParetoFront.Point("b", 0.9, 1e-6);
        assertEquals(2, ParetoFront.of(List.of(a, b)).front().size());
    }
}
