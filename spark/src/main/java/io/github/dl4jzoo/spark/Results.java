package io.github.dl4jzoo.spark;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.dl4jzoo.train.Metrics;
import io.github.dl4jzoo.train.RunResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A run's result as it travels from an executor to the driver: JSON text, every number kept (NaN included), the
 * kind of metrics named. Text rather than Java serialisation, as the zoo's records are not {@code Serializable}.
 */
final class Results {
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Metrics.Classification.class, name = "classification"),
        @JsonSubTypes.Type(value = Metrics.Regression.class, name = "regression")
    })
    private interface MetricsKind {}

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .addMixIn(Metrics.class, MetricsKind.class)
            .build();

    private Results() {}

    static String toJson(RunResult r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunResult fromJson(String json) {
        try {
            return JSON.readValue(json, RunResult.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result with its run folder where the sweep's output keeps it (the executor's own folder is gone). */
    static RunResult at(RunResult r, String place) {
        return r.relabelled(r.recipe(), Path.of(place));
    }
}
