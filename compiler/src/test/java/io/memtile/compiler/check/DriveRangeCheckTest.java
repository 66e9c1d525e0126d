package io.memtile.compiler.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memtile.compiler.CompileOptions;
import io.memtile.compiler.Compiler;
import io.memtile.compiler.RandomModels;
import io.memtile.compiler.TestTargets;
import io.memtile.compiler.program.TileProgram;
import io.memtile.core.target.Target;
import io.memtile.trainer.model.ModelArtifact;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The program carries the model's word-line driver rails, and `verify --model` refuses a program whose rails differ. */
class DriveRangeCheckTest {
    final Target t = TestTargets.withTile(TestTargets.paper(), 32, 32, 0);

    static ModelArtifact withRails(ModelArtifact m, double[] rails) {
        return new ModelArtifact(m.schemaVersion(), m.network().withDriveRange(rails), m.target(), m.weights(), m.training(),
                m.metrics(), m.hwAware());
    }

    @Test
    void programKeepsTheRailsAndVerifyComparesThemWithTheModel() {
        ModelArtifact m = withRails(RandomModels.create(t, new int[] {40, 16, 10}, 0.3, 3), new double[] {0.0, 0.2});
        TileProgram p = Compiler.compile(m, t, CompileOptions.ideal(7)).program();
        assertArrayEquals(new double[] {0.0, 0.2}, p.network().driveRange());
        assertEquals(List.of(), ProgramChecker.check(p, m));
        List<String> other = ProgramChecker.check(p, withRails(m, new double[] {-0.2, 0.2}));
        assertTrue(other.stream().anyMatch(s -> s.startsWith("network.driveRange:")), other.toString());
        List<String> none = ProgramChecker.check(p, withRails(m, null));
        assertTrue(none.stream().anyMatch(s -> s.startsWith("network.driveRange:")), none.toString());
    }
}
