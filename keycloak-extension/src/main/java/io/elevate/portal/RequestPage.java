package io.elevate.portal;

import java.util.List;

/** A request's own page: what was asked, and its whole life in order, each step in words. */
public final class RequestPage {

    private final PageFrame frame;
    private final RequestItem item;
    private final List<AuditView.Entry> life;

    RequestPage(PageFrame frame, RequestItem item, List<AuditView.Entry> life) {
        this.frame = frame;
        this.item = item;
        this.life = life;
    }

    public PageFrame getFrame() { return frame; }
    public RequestItem getItem() { return item; }
    public List<AuditView.Entry> getLife() { return life; }
}
