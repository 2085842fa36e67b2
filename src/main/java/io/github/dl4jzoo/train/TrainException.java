package io.github.dl4jzoo.train;

import io.github.dl4jzoo.UserError;

/** A run that cannot start or go on because of what the user asked: one line, for people. */
public final class TrainException extends UserError {
    public TrainException(String message) {
        super(message);
    }
}
