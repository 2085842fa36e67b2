package io.github.dl4jzoo.init;

import io.github.dl4jzoo.arch.Recipe;
import java.util.List;
import java.util.Map;

/**
 * What a generated project gets for one data kind of the catalogue ({@code idx}, {@code csv}, ...): the check that
 * the recipe's network fits the data, the loader sources, the data shipped with the project and the README's words
 * about them. A data kind {@code zoo init} writes projects for is one class implementing this, listed in
 * {@link Scaffold#KINDS}.
 */
interface ProjectData {
    /** The name of the data kind this writes projects for, as the data catalogue gives it. */
    String kind();

    /** Whether this writes a project for {@code dataset}, one of the kind's ids; all of them by default. */
    default boolean writes(String dataset) {
        return true;
    }

    /** Whether a network of step units is trained on this data (gradient descent moves nothing there). */
    default boolean takesSteps() {
        return false;
    }

    /** What the recipe's network must read or give for this data ("input: expected ..."), or null if it fits. */
    String misfit(Recipe recipe);

    /** The project's data part; {@code tokens} hold what every template reads, and this adds its own. */
    Contents contents(Recipe recipe, Map<String, String> tokens, DataSources sources);

    /**
     * The data part of a project.
     *
     * @param prefix of the Main and NetworkTest templates ({@code Image} for ImageMain.java)
     * @param loaders the loader templates, written beside Main
     * @param data files shipped with the project, by path
     * @param notes folders better summed up than listed
     * @param trainData what Main reads by default (null if it reads no file)
     * @param testData what NetworkTest trains on, for the README
     * @param arguments Main's arguments, for the README's usage line
     * @param usage the README's paragraph under the usage line
     * @param loaderRow the README's files-table row for the loaders
     * @param dataRow the README's files-table row for the shipped data (empty if none)
     * @param note a last sentence on how the project differs from the zoo (empty if none)
     */
    record Contents(
            String prefix,
            List<String> loaders,
            Map<String, byte[]> data,
            Map<String, String> notes,
            String trainData,
            String testData,
            String arguments,
            String usage,
            String loaderRow,
            String dataRow,
            String note) {}
}
