package io.elevate.cli.api;

import io.elevate.cli.Http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code --json}: print the API's answer as JSON, for scripts, instead of text; every non-ASCII character escaped. */
public final class JsonOption {

    @Option(names = "--json", description = "Print the API's JSON answer instead of text.")
    boolean json;

    /** Prints {@code answer} as JSON if asked, else as {@code text}. */
    void print(PrintWriter out, JsonNode answer, String text) {
        if (json) {
            try {
                out.println(Http.JSON.writerWithDefaultPrettyPrinter()
                        .with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(answer));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed JSON tree always serialises", e);
            }
        } else {
            out.print(text);
        }
        out.flush();
    }
}
