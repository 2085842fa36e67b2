package io.github.dl4jzoo.arch;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * An architecture family as recipes name it ({@code family: mlp}): it reads the recipe's {@code arch} table into
 * the family's {@link Arch}. Families are found with Java's {@link ServiceLoader}: each is listed by class name in
 * {@code META-INF/services/io.github.dl4jzoo.arch.Family}, so a new family, in the zoo or in a jar of one's own, is
 * its class plus one line there, and nothing in the zoo names it.
 */
public interface Family {
    /** The name recipes use in {@code family:}; lower-case letters, digits and dashes. */
    String name();

    /**
     * Reads the family's table from {@code arch} (an empty mapping when the recipe has none). Unknown keys are
     * rejected by the caller after this returns.
     */
    Arch read(Fields arch);

    /** Every family on the class path, by name. Two families with one name are an error. */
    static Map<String, Family> all() {
        Map<String, Family> all = new TreeMap<>();
        for (Family f : ServiceLoader.load(Family.class, Family.class.getClassLoader())) {
            Family before = all.putIfAbsent(f.name(), f);
            if (before != null) {
                throw new IllegalStateException("family '" + f.name() + "' is defined twice: by "
                        + before.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return all;
    }
}
