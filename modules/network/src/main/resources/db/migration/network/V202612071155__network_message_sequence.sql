-- A conversation numbers its messages 1, 2, 3, … in the order they were sent, and a member's read
-- marker remembers the number read up to. Order and "unread" compared times before, and on MariaDB
-- 10.x times are stored in whole seconds (docs/operations.md): a second's messages were listed in the
-- order of their random ids, and a message that arrived in the second after "mark read" never counted
-- unread (black-box finding 13, 2026-12-07). A number is given under the conversation row's lock
-- (MessageService), never by AUTO_INCREMENT, which on a Galera cluster is not monotonic across nodes.
ALTER TABLE network_conversation ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE network_message ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE network_conversation_read ADD COLUMN read_seq BIGINT NOT NULL DEFAULT 0;

-- Existing messages in the order their lists showed them (time, then id), through a numbering table:
-- MySQL cannot UPDATE a table from a subquery over that same table.
CREATE TABLE network_message_numbering (
    id  VARCHAR(40) NOT NULL,
    seq BIGINT      NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO network_message_numbering (id, seq)
    SELECT id, ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY sent_at, id) FROM network_message;
UPDATE network_message SET seq = (SELECT n.seq FROM network_message_numbering n WHERE n.id = network_message.id);
DROP TABLE network_message_numbering;

UPDATE network_conversation SET last_seq = COALESCE((SELECT MAX(m.seq) FROM network_message m
    WHERE m.conversation_id = network_conversation.id), 0);
-- What counted read stays read: the messages sent at or before the marker's time.
UPDATE network_conversation_read SET read_seq = COALESCE((SELECT MAX(m.seq) FROM network_message m
    WHERE m.conversation_id = network_conversation_read.conversation_id AND m.sent_at <= network_conversation_read.read_at), 0);

CREATE UNIQUE INDEX network_message_sequence ON network_message (conversation_id, seq);
DROP INDEX network_message_conversation ON network_message;
