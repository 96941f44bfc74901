package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The guides' code cannot rot: a block in {@code docs/*.md} preceded by
 * {@code <!-- snippet: PATH#REGION -->} must equal the lines between {@code // region REGION}
 * and {@code // endregion} in that (compiled) source file, with the region's indentation
 * removed. On a mismatch the message shows the block the guide should have.
 */
class DocsSnippetsTest {
    private static final Pattern MARKER =
            Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The lines of {@code region} in {@code source}, dedented by the region marker's indent. */
    static String region(String source, String region, String where) {
        Matcher m = Pattern.compile("(?m)^( *)// region " + Pattern.quote(region) + "\\n(.*?)^ *// endregion",
                Pattern.DOTALL).matcher(source);
        assertTrue(m.find(), () -> "no '// region " + region + "' in " + where);
        String indent = m.group(1);
        StringBuilder out = new StringBuilder();
        for (String line : m.group(2).split("\n", -1)) {
            out.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
        }
        return out.toString().stripTrailing() + "\n";
    }

    @TestFactory
    List<DynamicTest> everySnippetMatchesItsSource() throws IOException {
        Path root = root();
        List<DynamicTest> tests = new ArrayList<>();
        try (var docs = Files.list(root.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = MARKER.matcher(Files.readString(doc));
                while (m.find()) {
                    String file = m.group(1), name = m.group(2), shown = m.group(3);
                    tests.add(DynamicTest.dynamicTest(doc.getFileName() + ": " + file + "#" + name, () -> {
                        String expected = region(Files.readString(root.resolve(file)), name, file);
                        assertEquals(expected, shown, () -> doc.getFileName() + " shows an old " + file + "#" + name
                                + "; it should show:\n" + expected);
                    }));
                }
            }
        }
        return tests;
    }

    @Test
    void theGuideHasSnippets() throws IOException {
        Matcher m = MARKER.matcher(Files.readString(root().resolve("docs/guide.md")));
        int n = 0;
        while (m.find()) {
            n++;
        }
        assertTrue(n >= 8, "docs/guide.md has " + n + " checked snippets");
    }
}
