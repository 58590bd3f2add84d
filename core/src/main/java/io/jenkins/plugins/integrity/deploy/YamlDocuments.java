package io.jenkins.plugins.integrity.deploy;

import io.jenkins.plugins.integrity.check.InvalidInputException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * YAML files as SnakeYAML's node trees, every node with its line: all the documents of a file, read with limits
 * that keep hostile YAML from costing more than its size (few aliases, no duplicate keys, a bound on the size and
 * the nesting), and refused, naming the file, when they do not hold.
 */
final class YamlDocuments {
    static final int MAX_ALIASES = 50;
    static final int MAX_DEPTH = 100;
    static final int MAX_CHARS = 16 << 20;

    private YamlDocuments() {}

    static List<Node> read(String text, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowRecursiveKeys(false);
        List<Node> out = new ArrayList<>();
        try {
            for (Node n : new Yaml(options).composeAll(new StringReader(text))) {
                if (n != null) {
                    checkDuplicates(n, file, 0, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
                    out.add(n);
                }
            }
        } catch (YAMLException e) {
            String message = e.getMessage() == null ? "invalid YAML" : e.getMessage().lines().findFirst().orElse("");
            throw new InvalidInputException(file, "not valid YAML (" + (message.length() > 200 ? message.substring(0,
                    200) + "..." : message) + ")");
        }
        return out;
    }

    /** Composing does not refuse duplicate keys (only constructing does): refused here. */
    private static void checkDuplicates(Node n, String file, int depth, java.util.Set<Node> seen) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(file, "nested more than " + MAX_DEPTH + " deep");
        }
        if (!seen.add(n)) {
            return; // an alias of a node already walked
        }
        if (n instanceof MappingNode m) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && !keys.add(k.getValue())) {
                    throw new InvalidInputException(file, "the key '" + k.getValue() + "' twice in one mapping (line "
                            + (k.getStartMark().getLine() + 1) + ")");
                }
                checkDuplicates(t.getValueNode(), file, depth + 1, seen);
            }
        } else if (n instanceof SequenceNode s) {
            for (Node c : s.getValue()) {
                checkDuplicates(c, file, depth + 1, seen);
            }
        }
    }

    /** The value of a key in a mapping node, or null. */
    static Node get(Node n, String key) {
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    static String text(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    static List<Node> items(Node n) {
        return n instanceof SequenceNode s ? s.getValue() : List.of();
    }

    static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    static boolean isTrue(Node n) {
        String t = text(n);
        return t != null && t.equalsIgnoreCase("true");
    }
}
