package io.github.dl4jzoo.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A dataset id resolved to its kind: a dataset the {@link Catalog} knows by name, or {@code KIND:PATH} naming a
 * file or folder of that kind. {@link Datasets#id} makes one, or fails naming the ids it knows.
 */
public record DatasetId(String id, DataKind kind, Optional<KnownDataset> known, Optional<Path> path) {
    /** The catalogue entry; a path id has none. */
    public KnownDataset requireKnown() {
        return known.orElseThrow(() -> new IllegalStateException(id + ": not a catalogue dataset"));
    }

    /** The path of a path id; a catalogue id has none. */
    public Path requirePath() {
        return path.orElseThrow(() -> new IllegalStateException(id + ": not a path id"));
    }
}
