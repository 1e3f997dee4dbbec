package fr.instruire.system;

import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The application's one clock: the engine's. Timers, campaign windows and recorded instants agree, and a test
 * that moves the engine's clock moves them all.
 */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
