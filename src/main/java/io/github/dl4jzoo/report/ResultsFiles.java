package io.github.dl4jzoo.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dl4jzoo.train.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code results.csv} (one row per recipe: mean and sample standard deviation of every measure over its seeds)
 * and {@code results.json} (the same per recipe, plus every seed's own numbers), in the report's order: section
 * by section, best first.
 */
final class ResultsFiles {
    private ResultsFiles() {}

    static String csv(List<Section> sections) {
        List<String> header = new ArrayList<>(
                List.of("recipe", "family", "task", "dataset", "seeds", "runs", "parameters", "stop_reason"));
        for (Measure m : Measure.values()) {
            header.add(m.key + "_mean");
            header.add(m.key + "_std");
        }
        header.add("p_vs_best");
        header.add("p_test");
        StringBuilder csv = new StringBuilder(Csv.line(header));
        for (Section section : sections) {
            for (RecipeSummary r : section.ranked()) {
                List<String> row = new ArrayList<>(List.of(
                        r.recipe(),
                        r.family(),
                        r.task(),
                        r.dataset(),
                        // Spaces, not commas, so the cell needs no quoting.
                        r.seeds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                        Integer.toString(r.runs().size()),
                        Long.toString(r.parameters()),
                        r.stopReasons()));
                for (Measure m : Measure.values()) {
                    Stat s = r.stat(m);
                    row.add(Formats.csv(s.mean()));
                    row.add(Formats.csv(s.std()));
                }
                Optional<Significance.Result> p = section.significance(r);
                row.add(p.map(x -> Formats.csv(x.p())).orElse(""));
                row.add(p.map(x -> x.test().id).orElse(""));
                csv.append(Csv.line(row));
            }
        }
        return csv.toString();
    }

    static ObjectNode json(List<Section> sections, Map<String, String> environment) {
        ObjectNode root = Json.object();
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        root.put("std", "sample standard deviation (n - 1) over seeds; null for a single seed");
        ArrayNode recipes = root.putArray("recipes");
        for (Section section : sections) {
            for (RecipeSummary r : section.ranked()) {
                ObjectNode node = recipes.addObject();
                node.put("recipe", r.recipe());
                node.put("family", r.family());
                node.put("task", r.task());
                node.put("dataset", r.dataset());
                node.put("parameters", r.parameters());
                ArrayNode seeds = node.putArray("seeds");
                r.seeds().forEach(seeds::add);
                node.put("stop_reason", r.stopReasons());
                Optional<Significance.Result> p = section.significance(r);
                if (p.isPresent()) {
                    ObjectNode significance = node.putObject("p_vs_best");
                    Json.put(significance, "p", p.get().p());
                    significance.put("test", p.get().test().id);
                    significance.put("best", section.best().recipe());
                }
                ObjectNode summary = node.putObject("summary");
                for (Measure m : Measure.values()) {
                    if (!m.appliesTo(r.runs().get(0))) {
                        continue;
                    }
                    Stat s = r.stat(m);
                    ObjectNode stat = summary.putObject(m.key);
                    Json.put(stat, "mean", s.mean());
                    Json.put(stat, "std", s.std());
                }
                ArrayNode runs = node.putArray("runs");
                for (RunResult run : r.runs()) {
                    ObjectNode one = runs.addObject();
                    one.put("seed", run.seed());
                    one.put("epochs", run.epochs());
                    one.put("stop_reason", run.stopReason());
                    ObjectNode timing = RunReport.timing(run);
                    timing.remove(List.of("recipe", "seed"));
                    one.setAll(timing);
                    one.set("test", Json.metrics(run.test()));
                }
            }
        }
        return root;
    }
}
