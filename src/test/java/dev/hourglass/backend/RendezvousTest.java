package dev.hourglass.backend;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RendezvousTest {

    @Test
    void readsTheTorchrunVariables() {
        Rendezvous r = Rendezvous.fromEnvironment(Map.of("MASTER_ADDR", "10.0.0.7", "MASTER_PORT", "29500", "WORLD_SIZE", "8",
                "RANK", "5", "LOCAL_RANK", "1"));
        assertEquals("10.0.0.7", r.masterAddr());
        assertEquals(29500, r.masterPort());
        assertEquals(8, r.worldSize());
        assertEquals(5, r.rank());
        assertEquals(1, r.localRank());
        assertEquals(Rendezvous.DEFAULT_JOIN_TIMEOUT, r.joinTimeout());
    }

    @Test
    void noWorldSizeOrOneIsASingleProcess() {
        assertNull(Rendezvous.fromEnvironment(Map.of()));
        assertNull(Rendezvous.fromEnvironment(Map.of("WORLD_SIZE", "1", "RANK", "0")));
    }

    @Test
    void aGroupWithoutItsOtherVariablesIsRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rendezvous.fromEnvironment(Map.of("WORLD_SIZE", "2", "RANK", "0",
                "MASTER_PORT", "1"))).getMessage().contains("MASTER_ADDR"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rendezvous.fromEnvironment(Map.of("WORLD_SIZE", "2",
                "MASTER_ADDR", "h", "MASTER_PORT", "1"))).getMessage().contains("RANK"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rendezvous.fromEnvironment(Map.of("WORLD_SIZE", "2", "RANK", "2",
                "MASTER_ADDR", "h", "MASTER_PORT", "1"))).getMessage().contains("0..1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rendezvous.fromEnvironment(Map.of("WORLD_SIZE", "two")))
                .getMessage().contains("WORLD_SIZE must be an integer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rendezvous.fromEnvironment(Map.of("WORLD_SIZE", "2", "RANK", "0",
                "MASTER_ADDR", "h", "MASTER_PORT", "70000"))).getMessage().contains("1..65535"));
    }

    @Test
    void masterIsHostColonPort() {
        assertEquals("10.0.0.1", Rendezvous.splitMaster("10.0.0.1:29500")[0]);
        assertEquals("29500", Rendezvous.splitMaster("10.0.0.1:29500")[1]);
        assertThrows(IllegalArgumentException.class, () -> Rendezvous.splitMaster("10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Rendezvous.splitMaster(":29500"));
    }
}
