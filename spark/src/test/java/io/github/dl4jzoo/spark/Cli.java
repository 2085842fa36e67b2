package io.github.dl4jzoo.spark;

import io.github.dl4jzoo.cli.Zoo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The zoo command as ./zoo runs it with the Spark module on the class path: its output and exit code. */
record Cli(int code, String out, String err) {
    /** The repository's own recipes. */
    static final Path MODELS = Path.of(System.getProperty("dl4jzoo.home", "..")).resolve("models");

    static Cli run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--models";
        all[1] = MODELS.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Zoo.run(all, new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n" + out + "\n" + err;
    }
}
