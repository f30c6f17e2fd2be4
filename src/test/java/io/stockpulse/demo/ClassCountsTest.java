package io.stockpulse.demo;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClassCountsTest {

    @Test
    void countsPerAbcClassPerXyzClassAndPerPair() {
        assertThat(ClassCounts.render(Map.of("AX", 5L, "AZ", 1L, "BY", 30L, "CZ", 1_400L)))
                .isEqualTo("A 6, B 30, C 1,400 | X 5, Y 30, Z 1,401 | AX 5, AZ 1, BY 30, CZ 1,400");
    }

    @Test
    void beforeTheFirstDayCloseThereAreNone() {
        assertThat(ClassCounts.render(Map.of())).startsWith("none yet");
    }
}
