package io.jenkins.plugins.integrity.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as its instructions (https://docs.docker.com/reference/dockerfile/): comments and blank lines
 * dropped, lines continued by the escape character ({@code \}, or {@code `} after an {@code # escape=`}
 * directive) joined, here-documents ({@code <<EOF}) taken into the instruction they belong to, each instruction
 * with the line it starts on and the build stage ({@code FROM}) it is in.
 */
public record Dockerfile(List<Instruction> instructions) {
    public Dockerfile {
        instructions = List.copyOf(instructions);
    }

    /** An instruction: its keyword in upper case, its arguments as written, its line, its stage (0 for the first). */
    public record Instruction(String keyword, String arguments, int line, int stage) {}

    public static Dockerfile parse(String text) {
        char escape = '\\';
        String[] lines = text.split("\r?\n", -1);
        List<Instruction> out = new ArrayList<>();
        int stage = -1;
        boolean directives = true;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            String trimmed = line.strip();
            if (directives && trimmed.startsWith("#")) {
                String d = trimmed.substring(1).strip().toLowerCase(Locale.ROOT);
                if (d.startsWith("escape=") && d.length() > 7) {
                    escape = d.charAt(7);
                }
                i++;
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            directives = false;
            int start = i + 1;
            StringBuilder instruction = new StringBuilder();
            while (true) {
                String l = lines[i];
                String s = l.stripTrailing();
                if (!s.isEmpty() && s.charAt(s.length() - 1) == escape && i + 1 < lines.length) {
                    instruction.append(s, 0, s.length() - 1).append(' ');
                    i++;
                    // comment lines inside a continued instruction are dropped
                    while (i < lines.length && lines[i].strip().startsWith("#")) {
                        i++;
                    }
                    if (i >= lines.length) {
                        break;
                    }
                    continue;
                }
                instruction.append(l.strip());
                i++;
                break;
            }
            String full = instruction.toString().strip();
            int space = indexOfSpace(full);
            String keyword = (space < 0 ? full : full.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : full.substring(space + 1).strip();
            // here-documents: the body up to its delimiter belongs to the instruction
            int heredoc = args.indexOf("<<");
            if (heredoc >= 0 && (keyword.equals("RUN") || keyword.equals("COPY"))) {
                String rest = args.substring(heredoc + 2).replaceFirst("^-", "");
                String delimiter = rest.split("\\s+", 2)[0].replace("\"", "").replace("'", "");
                if (!delimiter.isEmpty()) {
                    StringBuilder body = new StringBuilder();
                    while (i < lines.length && !lines[i].strip().equals(delimiter)) {
                        body.append('\n').append(lines[i]);
                        i++;
                    }
                    i++;
                    args = args + body;
                }
            }
            if (keyword.equals("FROM")) {
                stage++;
            }
            out.add(new Instruction(keyword, args, start, Math.max(stage, 0)));
        }
        return new Dockerfile(out);
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The number of the last stage (the one that is the image). */
    public int lastStage() {
        return instructions.stream().mapToInt(Instruction::stage).max().orElse(0);
    }
}
