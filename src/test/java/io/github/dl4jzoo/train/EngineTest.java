package io.github.dl4jzoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineTest {
    @Test
    void configureReportsWhatItApplied() {
        Map<String, String> applied = Engine.configure();
        assertEquals("tuned", applied.get("engine"));
        assertEquals("1", applied.get("threads"));
        assertTrue(applied.containsKey("nativeLibrary"));
    }
}
