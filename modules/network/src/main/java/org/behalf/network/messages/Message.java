package org.behalf.network.messages;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A message of a conversation; written once, never changed. */
@Table("network_message")
record Message(@Id String id, String conversationId, String senderId, String body, Instant sentAt) {
}
