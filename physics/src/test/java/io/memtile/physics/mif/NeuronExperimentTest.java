package io.memtile.physics.mif;

import static org.junit.jupiter.api.Assertions.*;

import io.memtile.core.MemtileException;
import io.memtile.core.target.Target;
import io.memtile.core.target.Targets;
import io.memtile.physics.alpha.AlphaForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuronExperimentTest {
    private static final Target T = Targets.paper();

    @Test
    void badOptionsNameTheOption() {
        MemtileException a = assertThrows(MemtileException.class, () -> NeuronExperiment.parseIntegrator("rk4"));
        assertEquals("--integrator", a.source());
        MemtileException b = assertThrows(MemtileException.class, () -> NeuronExperiment.parseInput("step:1e-6", T));
        assertEquals("--input", b.source());
        MemtileException c = assertThrows(MemtileException.class,
                () -> NeuronExperiment.run(T, new CurrentInput.Constant(0), -5, Integrator.EXPONENTIAL, AlphaForm.STEP_AVERAGE, false));
        assertEquals("--steps", c.source());
        MemtileException d = assertThrows(MemtileException.class, () -> NeuronExperiment.parseAlphaForm("cubic"));
        assertEquals("--alpha-form", d.source());
        // alpha without a period takes the target's injection period
        assertEquals(new CurrentInput.Alpha(1e-6, T.timing().injectionPeriodSteps()), NeuronExperiment.parseInput("alpha:1e-6", T));
    }

    /** The default run reproduces the Fig. 4 phases and writes a complete output directory. */
    @Test
    void defaultRunWritesTraceAndPlot(@TempDir Path tmp) throws Exception {
        NeuronExperiment.Outcome o = NeuronExperiment.run(T, NeuronExperiment.parseInput(NeuronExperiment.DEFAULT_INPUT, T),
                T.timing().steps(), Integrator.EXPONENTIAL, AlphaForm.STEP_AVERAGE, false);
        TraceSummary s = o.summary();
        assertTrue(s.peakV() > T.neuron().m1().vOn());
        assertTrue(s.troughV() < s.restV() && s.troughV() > 0);
        String text = NeuronExperiment.summary(o);
        for (String want : new String[] {"rest", "peak", "trough", "spikes", "from E1", "from E2", "from input", "dissipated in M1"}) {
            assertTrue(text.contains(want), "summary lacks '" + want + "':\n" + text);
        }
        Path out = tmp.resolve("run");
        NeuronExperiment.write(out, o);
        List<String> csv = Files.readAllLines(out.resolve("trace.csv"));
        assertEquals("step,t_s,v_V,x1,x2,g1_S,g2_S,i_A", csv.get(0));
        assertEquals(T.timing().steps() + 2, csv.size());
        String[] peakRow = csv.get(1 + (int) Math.round(s.peakTime() / T.timing().dt())).split(",");
        assertEquals(s.peakV(), Double.parseDouble(peakRow[2]), 0);
        var img = ImageIO.read(out.resolve("neuron.png").toFile());
        assertTrue(img.getWidth() >= 800 && img.getHeight() >= 600);
        assertTrue(Files.exists(out.resolve("summary.txt")));
    }
}
