package io.memtile.physics.spice;

import io.memtile.core.render.Templates;
import io.memtile.core.target.MssParams;
import io.memtile.core.target.NeuronParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code templates/spice/mif-neuron.cir.vm}: an ngspice netlist of one MIF neuron starting
 * from the given state and driven by memtile's per-step input currents.
 */
public final class MifNetlist {
    /** Template name under templates/. */
    public static final String TEMPLATE = "spice/mif-neuron.cir.vm";

    private MifNetlist() {}

    /** One PWL corner; a bean (getters) because Velocity does not read record accessors. */
    public static final class PwlPoint {
        private final double time;
        private final double current;

        PwlPoint(double time, double current) {
            this.time = time;
            this.current = current;
        }

        public double getTime() { return time; }

        public double getCurrent() { return current; }
    }

    /**
     * PWL corners reproducing current[k] held over [k dt, (k+1) dt), k = 0..n-1. Each change of
     * value is a linear edge of width {@code edge} centred on the step boundary: the total charge is
     * exact (the two half-edge triangles cancel), and each step's charge is off by at most
     * edge/8 times the current change at each of its boundaries (1.25e-5 of a step's charge for
     * the edge = 1e-4 dt used here). Equal neighbours need no corner at all.
     */
    public static List<PwlPoint> pwl(double[] current, double dt, double edge) {
        if (!(edge > 0 && edge < dt)) throw new IllegalArgumentException("edge must be in (0, dt), got " + edge);
        List<PwlPoint> pts = new ArrayList<>();
        int n = current.length;
        pts.add(new PwlPoint(0, current[0]));
        for (int k = 1; k < n; k++) {
            if (current[k] == current[k - 1]) continue;
            pts.add(new PwlPoint(k * dt - edge / 2, current[k - 1]));
            pts.add(new PwlPoint(k * dt + edge / 2, current[k]));
        }
        pts.add(new PwlPoint(n * dt, current[n - 1]));
        return pts;
    }

    /**
     * Renders the netlist.
     *
     * @param p        neuron parameters
     * @param v0       initial membrane voltage (V)
     * @param x10      initial state of M1
     * @param x20      initial state of M2
     * @param current  per-step input (A); the run lasts current.length steps
     * @param dt       step (s)
     * @param outFile  file name ngspice's wrdata writes (relative to its working directory)
     */
    public static String render(NeuronParams p, String targetName, String title, double v0, double x10, double x20,
                                double[] current, double dt, String outFile) {
        MssParams m1 = p.m1(), m2 = p.m2();
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("cMem", p.cMem());
        q.put("e1", p.e1());
        q.put("e2", p.e2());
        q.put("gOff1", m1.gOff());
        q.put("gOn1", m1.gOn());
        q.put("vOn1", m1.vOn());
        q.put("vOffC1", m1.offCentre());
        q.put("k1", m1.k());
        q.put("tau1", m1.tau());
        q.put("gOff2", m2.gOff());
        q.put("gOn2", m2.gOn());
        q.put("vOn2", m2.vOn());
        q.put("vOffC2", m2.offCentre());
        q.put("k2", m2.k());
        q.put("tau2", m2.tau());
        q.put("v0", v0);
        q.put("x10", x10);
        q.put("x20", x20);
        double edge = dt * 1e-4;
        q.put("edge", edge);
        q.put("tstop", current.length * dt);
        q.put("tstep", dt / 10);
        // The fastest membrane RC is C/(gOn1 + gOn2) (0.05 us on paper-65nm); ngspice's truncation
        // error control resolves it, the max step only keeps it from striding over input detail.
        q.put("tmax", dt / 20);
        q.put("reltol", 1e-6);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("title", title);
        ctx.put("target", targetName);
        ctx.put("p", q);
        ctx.put("pwl", pwl(current, dt, edge));
        ctx.put("out", outFile);
        return Templates.render(TEMPLATE, ctx);
    }
}
