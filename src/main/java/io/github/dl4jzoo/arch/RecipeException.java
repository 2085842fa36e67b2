package io.github.dl4jzoo.arch;

import io.github.dl4jzoo.UserError;

/** A recipe that cannot be used: the message is one line naming the file, the field and what was expected. */
public final class RecipeException extends UserError {
    public RecipeException(String message) {
        super(message);
    }
}
