package io.github.dl4jzoo.data;

import io.github.dl4jzoo.UserError;

/**
 * A problem with input data that a person must fix: a bad file, a missing dataset, a value out of
 * range. The message is one line naming the file, the place in it (byte offset, line, column) and
 * what was expected, so the CLI can print it as is and exit 2.
 */
public final class DataException extends UserError {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code where: what} — the one shape every message in this package has. */
    static DataException at(String where, String what) {
        return new DataException(where + ": " + what);
    }
}
