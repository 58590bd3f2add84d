package io.jenkins.plugins.integrity.check;

/**
 * An input the user named cannot be used: missing, unreadable, malformed or hostile. The message names the
 * input and says what is wrong with it, and never quotes its content.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String input;

    public InvalidInputException(String input, String problem) {
        super(input + ": " + problem);
        this.input = input;
    }

    public InvalidInputException(String input, String problem, Throwable cause) {
        super(input + ": " + problem, cause);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
