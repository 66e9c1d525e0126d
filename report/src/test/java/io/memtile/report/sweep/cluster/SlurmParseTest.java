package io.memtile.report.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing of the Slurm clients' output (the lines as Slurm 22.05 prints them for the formats we ask for). */
class SlurmParseTest {
    @Test
    void squeueLinesOfOurArraysOnly() {
        String out = "1|0|RUNNING\n1|1|RUNNING\n1|2|PENDING\n1|3|PENDING\n77|0|RUNNING\n  \n1|N/A|PENDING\n";
        Map<String, String> m = Slurm.parseSqueue(out, Set.of("1"));
        assertEquals(Map.of("1_0", "RUNNING", "1_1", "RUNNING", "1_2", "PENDING", "1_3", "PENDING"), m);
    }

    @Test
    void sacctFinishedTasksWithReasonsStripped() {
        String out = "5_0|COMPLETED\n5_1|FAILED\n5_2|CANCELLED by 0\n5_[3-7]|PENDING\n9_0|TIMEOUT\n";
        Map<String, String> m = Slurm.parseSacct(out, Set.of("5"));
        assertEquals(Map.of("5_0", "COMPLETED", "5_1", "FAILED", "5_2", "CANCELLED"), m);
    }

    @Test
    void activeStates() {
        for (String s : new String[] {"PENDING", "RUNNING", "COMPLETING", "CONFIGURING", "REQUEUED", "SUSPENDED"}) assertTrue(Slurm.active(s), s);
        for (String s : new String[] {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED"}) assertFalse(Slurm.active(s), s);
    }
}
