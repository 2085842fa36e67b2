package io.github.dl4jzoo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one run of the zoo command printed, and its exit code. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Zoo.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
