package dev.netwright.engine.train;


import java.util.Optional;

/** A listener's request to end the run, with the status it ends in. */
record Stop(TrainingStatus status, Optional<String> failure) {

    public static Optional<Stop> with(TrainingStatus status) {
        return Optional.of(new Stop(status, Optional.empty()));
    }
}
