package io.elevate.testing.browser;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

/**
 * The response a {@link Browser} ended up at: the page after all followed redirects, or a redirect it did not follow.
 */
public final class Page {

    private static final int DESCRIPTION_TEXT_LENGTH = 300;

    private final Browser browser;
    private final URI url;
    private final int status;
    private final HttpHeaders headers;
    private final String body;
    private final Document document;

    Page(Browser browser, HttpResponse<String> response) {
        this.browser = browser;
        this.url = response.uri();
        this.status = response.statusCode();
        this.headers = response.headers();
        this.body = response.body();
        this.document = Jsoup.parse(body, url.toString());
    }

    /** The URL this page was loaded from, i.e. the last one requested. */
    public URI url() {
        return url;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The response headers. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The raw response body. */
    public String body() {
        return body;
    }

    /** The body parsed as HTML, with {@link #url()} as base URI. */
    public Document document() {
        return document;
    }

    /** Where this page redirects to, if it is a redirect: one the browser did not follow, as it leaves localhost. */
    public Optional<URI> location() {
        return Browser.redirectTarget(status, url, headers);
    }

    /** The document title, empty if there is none. */
    public String title() {
        return document.title();
    }

    /** The text a user would read on the page, whitespace-normalised (without scripts, styles and tags). */
    public String text() {
        Element body = document.body();
        return body != null ? body.text() : document.text();
    }

    /** Whether {@link #text()} contains {@code text}. */
    public boolean hasText(String text) {
        return text().contains(text);
    }

    /** The form matching {@code cssSelector}, e.g. {@code #kc-form-login}; fails if there is none. */
    public Form form(String cssSelector) {
        Element element = document.selectFirst(cssSelector);
        if (element == null) {
            throw new AssertionError("No element matches '" + cssSelector + "' on " + describe());
        }
        if (!(element instanceof FormElement form)) {
            throw new AssertionError("'" + cssSelector + "' matches a <" + element.tagName() + ">, not a form, on " + describe());
        }
        return new Form(browser, this, form);
    }

    /**
     * Submits the form matching {@code formSelector} with its current values overridden by {@code fields}, e.g.
     * {@code submit("#kc-form-login", Map.of("username", "operator", "password", "operator"))}.
     */
    public Page submit(String formSelector, Map<String, String> fields) {
        return form(formSelector).submit(fields);
    }

    @Override
    public String toString() {
        return "Page[" + status + " " + url + "]";
    }

    /** Status, URL, title and the start of the text: enough to see in a failure message where the flow went. */
    String describe() {
        String text = text();
        if (text.length() > DESCRIPTION_TEXT_LENGTH) {
            text = text.substring(0, DESCRIPTION_TEXT_LENGTH) + "...";
        }
        return status + " " + url + " \"" + title() + "\": " + text;
    }
}
