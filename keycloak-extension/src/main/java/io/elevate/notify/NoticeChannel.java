package io.elevate.notify;

/** How a row of the notice outbox reaches its receiver. */
public enum NoticeChannel {
    EMAIL, SNS, WEBHOOK, SLACK, TEAMS
}
