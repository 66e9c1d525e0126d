package io.memtile.report.pareto;

import io.memtile.report.Display;
import io.memtile.report.sections.Section;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Accuracy against measured energy per inference over a set of runs (sweep jobs and this report's
 * own simulation), and the points on the front: those no other point beats on both (at least as
 * accurate and at most as much energy, better in one).
 *
 * @param points every run
 * @param front  the non-dominated runs, by increasing energy
 */
public record ParetoFront(List<Point> points, List<Point> front) {
    /** One run: a label, its accuracy (fraction) and energy per inference (J). */
    public record Point(String label, double accuracy, double energyJ) {}

    public static ParetoFront of(List<Point> points) {
        List<Point> front = new ArrayList<>();
        for (Point p : points) {
            boolean dominated = false;
            for (Point q : points) {
                if (q == p) continue;
                boolean noWorse = q.accuracy() >= p.accuracy() && q.energyJ() <= p.energyJ();
                boolean better = q.accuracy() > p.accuracy() || q.energyJ() < p.energyJ();
                if (noWorse && better) { dominated = true; break; }
            }
            if (!dominated) front.add(p);
        }
        front.sort(Comparator.comparingDouble(Point::energyJ).thenComparing(Point::label));
        return new ParetoFront(List.copyOf(points), List.copyOf(front));
    }

    public Section section() {
        List<List<String>> rows = new ArrayList<>();
        for (Point p : front) rows.add(List.of(p.label(), Display.fixed(100 * p.accuracy(), 2) + " %", Display.si(p.energyJ(), "J")));
        return new Section("pareto", "Accuracy against energy: the Pareto front",
                front.size() + " of " + points.size() + " measured runs are on the front (no other run is at least as accurate for less energy).",
                List.of("Run", "Accuracy", "Energy / inference"), rows, "");
    }
}
