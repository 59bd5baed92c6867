package io.elevate.notify;

import io.elevate.window.ElevationWindow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A notice as plain data for machines (SNS subscribers, chat and ticketing webhooks): what happened, to which
 * elevation, who asked, for what, when, why. Text people typed is carried as JSON strings, never as markup. No email
 * addresses: who was told by email is not part of the event.
 */
final class NoticeJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NoticeJson() {
    }

    /** The event as an ordered map, so channels can add their own fields. */
    static Map<String, Object> event(Notice notice, String realm) {
        ElevationWindow w = notice.window();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("kind", notice.kind().name());
        event.put("realm", realm);
        event.put("elevationId", w.id());
        event.put("status", w.status().name());
        event.put("breakGlass", w.request().breakGlass());
        Map<String, Object> requester = new LinkedHashMap<>();
        requester.put("username", notice.requester().username());
        requester.put("displayName", notice.requester().displayName());
        event.put("requester", requester);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("accountId", w.target().accountId());
        target.put("roleName", w.target().roleName());
        target.put("roleArn", w.target().roleArn());
        target.put("region", w.target().region());
        target.put("instanceId", w.target().instanceId());
        target.put("tags", w.target().tags());
        event.put("target", target);
        event.put("startsAt", time(w.startsAt()));
        event.put("endsAt", time(w.endsAt()));
        event.put("justification", w.justification());
        event.put("ticket", w.request().ticket());
        event.put("comment", w.request().decisionComment());
        event.put("extensionMinutes", w.request().extensionMinutes());
        event.put("revokeReason", w.revokeReason());
        event.put("portalUrl", notice.portalUrl());
        return event;
    }

    static String write(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a notice as JSON", e);
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
