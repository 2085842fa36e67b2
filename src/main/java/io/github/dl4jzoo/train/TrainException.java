package io.github.dl4jzoo.train;

/** A run that cannot start or go on because of what the user asked: one line, for people. */
public final class TrainException extends RuntimeException {
    public TrainException(String message) {
        super(message);
    }
}
