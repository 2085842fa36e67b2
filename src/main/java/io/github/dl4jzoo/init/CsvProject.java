package io.github.dl4jzoo.init;

import io.github.dl4jzoo.arch.Recipe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Projects on windows over a time-series CSV: the CO2 series, shipped with the project. */
final class CsvProject implements ProjectData {
    @Override
    public String kind() {
        return "csv";
    }

    /** Only co2: the project ships its series, and a csv:FILE of the user's own is not the zoo's to copy. */
    @Override
    public boolean writes(String dataset) {
        return dataset.equals("co2");
    }

    @Override
    public String misfit(Recipe recipe) {
        Recipe.Input in = recipe.input();
        Recipe.Window w = recipe.data().window();
        int features = w.features().size();
        boolean fits = in instanceof Recipe.Input.Sequence s
                ? s.steps() == w.steps() && s.features() == features
                : in instanceof Recipe.Input.Vector && in.size() == w.steps() * features;
        if (!fits) {
            return "input: expected {steps: " + w.steps() + ", features: " + features + "} or {features: "
                    + w.steps() * features + "} for windows of " + w.steps() + " steps of " + features
                    + " feature(s)";
        }
        return recipe.output().units() != 1 ? "output.units: expected 1, the forecast" : null;
    }

    @Override
    public Contents contents(Recipe recipe, Map<String, String> tokens, DataSources sources) {
        Recipe.Window w = recipe.data().window();
        tokens.put("DATASET", "the Mauna Loa CO2 series");
        tokens.put("DEFAULT_DATA_DOC", "Monthly CO2 at Mauna Loa, 1958 to 2020, shipped with this project.");
        tokens.put("DEFAULT_DATA", Scaffold.CO2_FILE);
        tokens.put(
                "LAYOUT_DOC",
                tokens.get("LAYOUT").equals("SEQUENCE")
                        ? "[windows, features, steps], DL4J's recurrent layout"
                        : "[windows, features * steps], all steps of one feature after another");
        tokens.put("DATE_COLUMN", w.date());
        tokens.put(
                "FEATURES",
                String.join(", ", w.features().stream().map(f -> '"' + f + '"').toList()));
        tokens.put("TARGET", w.target());
        tokens.put("STEPS", String.valueOf(w.steps()));
        tokens.put("HORIZON", String.valueOf(w.horizon()));
        tokens.put("STRIDE", String.valueOf(w.stride()));
        tokens.put("TEST_ROWS", String.valueOf(w.testRows()));
        tokens.put("STANDARDIZE", String.valueOf(recipe.data().standardize()));
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put(Scaffold.CO2_FILE, sources.co2Csv());
        data.put("data/NOTICE", Scaffold.utf8(Templates.read("co2-NOTICE")));
        return new Contents(
                "Series",
                List.of("Layout.java", "CsvWindows.java"),
                data,
                Map.of(),
                Scaffold.CO2_FILE,
                "the series in `" + Scaffold.CO2_FILE + "`",
                "[CSV] [EPOCHS]",
                "`mvn package` writes one runnable jar with DL4J and this machine's natives inside. CSV"
                        + " defaults to `" + Scaffold.CO2_FILE + "` (see `data/NOTICE`); EPOCHS to the recipe's "
                        + recipe.epochs() + ". Main trains on the windows before the test period, then"
                        + " prints the last forecasts, their RMSE and MAE in the data's units, and the"
                        + " RMSE of the naive forecast (the window's last value) for scale; it saves the"
                        + " network to `target/" + recipe.name() + ".zip`.",
                "| `CsvWindows.java`, `Layout.java` | windows over the CSV, split by time,"
                        + " standardised with training statistics only |\n",
                "| `data/` | the series, with its NOTICE (source and licence) |\n",
                "");
    }
}
