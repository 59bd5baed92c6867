package io.elevate.signin;

import java.util.List;

/** One SAML attribute of the AWS assertion, by its full name. */
record SamlAttribute(String name, List<String> values) {

    public SamlAttribute {
        values = List.copyOf(values);
    }

    static SamlAttribute of(String name, String value) {
        return new SamlAttribute(name, List.of(value));
    }
}
