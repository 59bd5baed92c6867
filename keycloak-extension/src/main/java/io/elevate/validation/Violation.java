package io.elevate.validation;

/** One broken rule: the input field it concerns and a message a person can act on. */
public record Violation(String field, String message) {

    public static Violation of(String field, String message) {
        return new Violation(field, message);
    }
}
