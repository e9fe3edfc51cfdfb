package io.sluice.connect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Checks that a connector's config table in the Markdown docs lists every key of its {@link ConfigDef} with the
 * declared default, so the docs cannot drift from the declarations.
 *
 * <p>Expected row start: {@code | `key` | `default` |}; {@code (required)} for a key without default; any
 * parenthesised text, e.g. {@code (none)}, for a null default.
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    /** The repository's docs/connectors.md, seen from a connector module's directory (the tests' working dir). */
    public static Path connectorsGuide() {
        return Path.of("..", "..", "docs", "connectors.md");
    }

    /** Returns the problems found in the section under {@code heading}; empty when the table matches. */
    public static List<String> problems(Path markdown, String heading, ConfigDef definition) {
        String section = section(markdown, heading);
        List<String> problems = new ArrayList<>();
        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            String rowStart = "| `" + key.name + "` | " + expectedDefault(key);
            if (!section.contains("\n" + rowStart)) {
                problems.add("no row starting with '" + rowStart + "' under '" + heading + "'");
            }
        }
        return problems;
    }

    private static String expectedDefault(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "(";
        }
        return "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
    }

    private static String section(Path markdown, String heading) {
        String text;
        try {
            text = Files.readString(markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + markdown.toAbsolutePath(), e);
        }
        int start = text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError("no heading '" + heading + "' in " + markdown.toAbsolutePath());
        }
        int end = text.indexOf("\n## ", start + heading.length() + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
