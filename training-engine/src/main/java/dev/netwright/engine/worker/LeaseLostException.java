package dev.netwright.engine.worker;

/** The server no longer considers this worker the run's holder (lease expired and re-queued, or run gone). */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
