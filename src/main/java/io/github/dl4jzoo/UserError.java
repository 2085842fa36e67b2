package io.github.dl4jzoo;

/**
 * Bad input that a person must fix: a file, a value, a name or a folder they gave. The message is one line naming
 * the file or option, the place and what was expected, so a caller prints it as it is (the command line exits 2).
 * Each layer throws its own subclass; callers catch this one.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
