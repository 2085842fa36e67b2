package io.github.dl4jzoo.report;

import java.util.List;
import java.util.Map;

/** {@code report.md}: one table per section, best first, then the environment and the command to reproduce. */
final class MarkdownPage {
    private MarkdownPage() {}

    static String of(List<Section> sections, Map<String, String> environment) {
        StringBuilder md = new StringBuilder("# dl4j-zoo comparison\n\n");
        md.append(Pages.intro(sections)).append("\n");
        for (Section s : sections) {
            md.append("\n## ").append(s.title()).append("\n\n");
            md.append(Pages.ranking(s)).append("\n\n");
            for (String finding : s.findings()) {
                md.append("- ").append(cell(finding)).append("\n");
            }
            md.append("\n");
            table(md, s);
            s.significanceNote()
                    .ifPresent(note -> md.append("\n").append(cell(note)).append("\n"));
        }
        if (environment.keySet().stream().anyMatch(key -> !key.equals(Pages.COMMAND_KEY))) {
            md.append("\n## Environment\n\n");
            environment.forEach((key, value) -> {
                if (!key.equals(Pages.COMMAND_KEY)) {
                    md.append("- ")
                            .append(cell(key))
                            .append(": ")
                            .append(cell(value))
                            .append("\n");
                }
            });
        }
        String command = environment.get(Pages.COMMAND_KEY);
        if (command != null) {
            md.append("\n## Reproduce\n\n")
                    .append(Pages.REPRODUCE)
                    .append("\n\n```bash\n")
                    .append(command)
                    .append("\n```\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, Section s) {
        List<Column> columns = Column.of(s);
        md.append("| # |");
        columns.forEach(c -> md.append(' ').append(c.header()).append(" |"));
        md.append("\n|--:|");
        columns.forEach(c -> md.append(c.numeric() ? "--:|" : "---|"));
        md.append("\n");
        for (int i = 0; i < s.ranked().size(); i++) {
            RecipeSummary r = s.ranked().get(i);
            md.append("| ").append(i + 1).append(" |");
            columns.forEach(c -> md.append(' ').append(cell(c.cell().apply(r))).append(" |"));
            md.append("\n");
        }
    }

    /** A pipe would end a table cell, a line break the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
