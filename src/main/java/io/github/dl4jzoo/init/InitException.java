package io.github.dl4jzoo.init;

/** A project that cannot be written as asked: the message is one line saying what and why. */
public final class InitException extends RuntimeException {
    public InitException(String message) {
        super(message);
    }
}
