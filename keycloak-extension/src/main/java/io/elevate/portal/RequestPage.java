package io.elevate.portal;

import java.util.List;

/** A request's own page: what was asked, and its whole life in order, each step in words. */
public final class RequestPage {

    private final PageFrame frame;
    private final RequestItem item;
    private final List<AuditView.Entry> life;
    private final boolean cut;

    /**
     * @param life the request's records, oldest first, as read: more than {@code max} means the page lists the first
     *             {@code max} and says that the life goes on (never a silent cut)
     */
    RequestPage(PageFrame frame, RequestItem item, List<AuditView.Entry> life, int max) {
        this.frame = frame;
        this.item = item;
        this.cut = life.size() > max;
        this.life = cut ? List.copyOf(life.subList(0, max)) : life;
    }

    public PageFrame getFrame() { return frame; }
    public RequestItem getItem() { return item; }
    public List<AuditView.Entry> getLife() { return life; }
    /** Whether the request has more records than the page lists (its newest are left out). */
    public boolean isCut() { return cut; }
}
