package io.github.dl4jzoo.init;

import io.github.dl4jzoo.UserError;

/** A project that cannot be written as asked: the message is one line saying what and why. */
public final class InitException extends UserError {
    public InitException(String message) {
        super(message);
    }
}
