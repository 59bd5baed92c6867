package io.elevate.window;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One ABAC tag of a stored window. */
@Embeddable
public class WindowTag {

    @Column(name = "TAG_KEY", length = 128, nullable = false)
    private String key;

    @Column(name = "TAG_VALUE", length = 256, nullable = false)
    private String value;

    protected WindowTag() {
    }

    WindowTag(String key, String value) {
        this.key = key;
        this.value = value;
    }

    public String getKey() { return key; }
    public String getValue() { return value; }
}
