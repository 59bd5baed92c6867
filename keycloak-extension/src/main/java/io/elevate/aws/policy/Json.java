package io.elevate.aws.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;

/** Jackson for IAM documents: building them, writing them for people, and measuring them as AWS does. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = prettyPrinter(Separators.Spacing.AFTER);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array(List<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** A single value as a string, several as an array: the way IAM documents are usually written. */
    public static JsonNode oneOrMany(List<String> values) {
        return values.size() == 1 ? MAPPER.getNodeFactory().textNode(values.get(0)) : array(values);
    }

    /** The length AWS checks against its policy size limits: the document without any whitespace. */
    public static int size(JsonNode document) {
        return compact(document).length();
    }

    public static String compact(JsonNode document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two-space indentation, one array element a line, ending with a newline. */
    public static String pretty(JsonNode document) {
        return write(document, PRETTY) + "\n";
    }

    private static String write(JsonNode document, DefaultPrettyPrinter printer) {
        try {
            return MAPPER.writer(printer).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    private static DefaultPrettyPrinter prettyPrinter(Separators.Spacing colon) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(colon));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        return printer;
    }
}
