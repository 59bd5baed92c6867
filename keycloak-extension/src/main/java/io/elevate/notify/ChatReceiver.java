package io.elevate.notify;

/** One chat receiver of a notice: the channel and its name there (a Slack channel, a person, the Teams webhook). */
record ChatReceiver(NoticeChannel channel, String name) {
}
