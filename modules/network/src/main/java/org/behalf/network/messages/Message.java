package org.behalf.network.messages;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A message of a conversation; written once, never changed. {@code seq} is its place in the
 * conversation (1, 2, 3, … as sent), which orders it: its time may be whole seconds
 * (docs/operations.md), and a second's messages then tie.
 */
@Table("network_message")
record Message(@Id String id, String conversationId, String senderId, String body, Instant sentAt, long seq) {
}
