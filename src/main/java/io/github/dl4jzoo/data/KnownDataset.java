package io.github.dl4jzoo.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A dataset the zoo knows by name: its {@link DataKind} (by name), what it is, its files and their checksums,
 * where a system package puts it, where it can be downloaded from, or where it is embedded.
 */
public record KnownDataset(
        String id,
        String kind,
        String description,
        List<KnownFile> files,
        List<Path> systemDirs,
        List<URI> baseUrls,
        Optional<String> aptPackage,
        Optional<String> resourceDir,
        List<String> classNames) {

    /** How a file is checked. */
    public enum Check {
        /** SHA-256 of the decompressed content, and its length. */
        SHA256_CONTENT,
        /** MD5 of the stored .gz bytes (what the publisher lists). */
        MD5_STORED
    }

    /** One file by its published name (as downloaded, usually .gz) and its expected digest. */
    public record KnownFile(String name, Check check, String hex, long contentBytes) {}

    public KnownDataset {
        files = List.copyOf(files);
        systemDirs = List.copyOf(systemDirs);
        baseUrls = List.copyOf(baseUrls);
        classNames = List.copyOf(classNames);
    }
}
