package io.jenkins.plugins.integrity.steps;

import hudson.Extension;
import hudson.MarkupText;
import hudson.console.ConsoleAnnotationDescriptor;
import hudson.console.ConsoleAnnotator;
import hudson.console.ConsoleNote;

/**
 * Marks a finding's location in a console line and links it to the file in the build's workspace browser.
 * It carries only a path relative to the build's URL and where the location stands in the line, never text
 * from the scanned file.
 */
public final class FindingNote extends ConsoleNote<Object> {
    private static final long serialVersionUID = 1L;

    private final String href;
    private final int start;
    private final int length;

    FindingNote(String href, int start, int length) {
        this.href = href;
        this.start = start;
        this.length = length;
    }

    @Override
    public ConsoleAnnotator<?> annotate(Object context, MarkupText text, int charPos) {
        int from = charPos + start;
        int to = Math.min(text.length(), from + length);
        if (href != null && from < to) {
            // relative to <build>/console (and consoleFull), where the line is shown
            text.addMarkup(from, to, "<a class='pipeline-integrity-finding' href='" + href + "'>", "</a>");
        } else if (from < to) {
            text.addMarkup(from, to, "<span class='pipeline-integrity-finding'>", "</span>");
        }
        return null;
    }

    @Extension
    public static final class DescriptorImpl extends ConsoleAnnotationDescriptor {
        @Override
        public String getDisplayName() {
            return "Pipeline Integrity finding";
        }
    }
}
