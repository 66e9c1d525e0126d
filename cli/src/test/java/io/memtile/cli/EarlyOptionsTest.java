package io.memtile.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memtile.core.MemtileException;
import io.memtile.trainer.decision.EarlyDecisionRule;
import org.junit.jupiter.api.Test;

class EarlyOptionsTest {
    @Test
    void defaultsOffAndBadValues() {
        assertEquals(EarlyDecisionRule.DEFAULT, EarlyOptions.rule(null, null));
        assertEquals(new EarlyDecisionRule(80, 5), EarlyOptions.rule(80.0, 5));
        assertFalse(EarlyOptions.rule(null, 0).enabled());
        assertThrows(MemtileException.class, () -> EarlyOptions.rule(null, -1));
        assertThrows(MemtileException.class, () -> EarlyOptions.rule(0.0, 10));
        assertThrows(MemtileException.class, () -> EarlyOptions.rule(Double.NaN, 10));
    }
}
