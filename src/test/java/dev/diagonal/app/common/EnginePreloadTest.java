package dev.diagonal.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnginePreloadTest {

    @Test
    void leavesOneCoreToTheUserInterface() {
        assertThat(EnginePreload.uiFriendlyThreads(2)).isEqualTo(1);
        assertThat(EnginePreload.uiFriendlyThreads(8)).isEqualTo(7);
    }

    @Test
    void neverGoesBelowOneThread() {
        assertThat(EnginePreload.uiFriendlyThreads(1)).isEqualTo(1);
        assertThat(EnginePreload.uiFriendlyThreads(0)).isEqualTo(1);
    }
}
