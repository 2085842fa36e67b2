package io.github.dl4jzoo.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A recipe's published weights: {@code weights/NAME.zip} and its card {@code weights/NAME.json} in a folder of
 * recipes. The zip is checked against the card's SHA-256 before it is loaded, as DL4J's zoo checked its
 * downloads.
 */
public record Published(String name, Path zip, Path card) {
    public static final String DIR = "weights";

    /** Where {@code zoo publish} writes a recipe's weights: the {@code weights} folder of {@code modelsDir}. */
    public static Published in(Path modelsDir, String name) {
        Path dir = modelsDir.resolve(DIR);
        return new Published(name, dir.resolve(name + ".zip"), dir.resolve(name + ".json"));
    }

    /** The first folder of recipes that has weights for {@code name}, else where the first would hold them. */
    public static Published find(List<Path> modelDirs, String name) {
        for (Path dir : modelDirs) {
            Published p = in(dir, name);
            if (p.exists()) {
                return p;
            }
        }
        return in(modelDirs.get(0), name);
    }

    public boolean exists() {
        return Files.isRegularFile(card);
    }

    /** The card; a recipe without one gets the line that says how to make it. */
    public ModelCard readCard() {
        if (!exists()) {
            throw new TrainException(name + ": no published weights (" + shown(card) + " is missing); zoo publish "
                    + name + " makes them");
        }
        return ModelCard.read(card);
    }

    /** The weights zip, checked against its card's SHA-256. */
    public Path verified() {
        ModelCard c = readCard();
        if (!Files.isRegularFile(zip)) {
            throw new TrainException(shown(zip) + ": missing, though its card " + shown(card) + " exists; zoo publish "
                    + name + " makes both");
        }
        String actual = sha256(zip);
        if (!actual.equals(c.weights().sha256())) {
            throw new TrainException(
                    shown(zip) + ": SHA-256 mismatch, expected " + c.weights().sha256() + ", got " + actual);
        }
        return zip;
    }

    /** The verified weights, loaded. Loads ND4J's native backend. */
    public SavedRun load() {
        return SavedRun.open(verified());
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new TrainException(file + ": cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** A path as the user would type it: relative to the working folder when it lies inside it. */
    public static String shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return abs.startsWith(here) ? here.relativize(abs).toString() : abs.toString();
    }
}
