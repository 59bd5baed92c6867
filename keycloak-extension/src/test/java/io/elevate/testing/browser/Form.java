package io.elevate.testing.browser;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

/**
 * An HTML form of a {@link Page}, submitted the way a browser would.
 *
 * <p>The submitted values are the form's own ({@link #values()}: inputs, checked checkboxes and radios, selected
 * options, text areas) overridden by the fields given to {@link #submit}. Buttons are not sent unless given, as a
 * browser sends only the one clicked: pass e.g. {@code Map.of("accept", "")} to click {@code <input name="accept">}.
 */
public final class Form {

    private static final Set<String> UNSENT_INPUT_TYPES = Set.of("submit", "image", "button", "reset", "file");

    private final Browser browser;
    private final Page page;
    private final FormElement element;

    Form(Browser browser, Page page, FormElement element) {
        this.browser = browser;
        this.page = page;
        this.element = element;
    }

    /** The URL the form submits to: its {@code action} resolved against the page URL, or the page URL if it has none. */
    public URI action() {
        String action = element.absUrl("action");
        return action.isEmpty() ? page.url() : URI.create(action);
    }

    /** The submission method in lower case: {@code post} or {@code get} (the HTML default). */
    public String method() {
        String method = element.attr("method").toLowerCase(Locale.ROOT);
        return method.isEmpty() ? "get" : method;
    }

    /** The values the form would submit as it is, by field name, in document order. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Element control : element.elements()) {
            String name = control.attr("name");
            String type = control.attr("type").toLowerCase(Locale.ROOT);
            if (name.isEmpty() || control.hasAttr("disabled") || control.nameIs("button") || UNSENT_INPUT_TYPES.contains(type)) {
                continue;
            }
            if (type.equals("checkbox") || type.equals("radio")) {
                if (control.hasAttr("checked")) {
                    values.put(name, control.hasAttr("value") ? control.val() : "on");
                }
            } else if (control.nameIs("select")) {
                Element option = control.selectFirst("option[selected]");
                if (option == null) {
                    option = control.selectFirst("option");
                }
                if (option != null) {
                    values.put(name, option.hasAttr("value") ? option.val() : option.text());
                }
            } else {
                values.put(name, control.val());
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** The underlying jsoup element, for inspecting the form beyond its values. */
    public FormElement element() {
        return element;
    }

    /** Submits the form with {@code fields} overriding its {@link #values()}, following redirects. */
    public Page submit(Map<String, String> fields) {
        Map<String, String> submitted = new LinkedHashMap<>(values());
        submitted.putAll(fields);
        return browser.submit(action(), method(), submitted);
    }
}
