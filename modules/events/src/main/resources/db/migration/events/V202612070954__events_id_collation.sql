-- An id is one string (DESIGN.md section 3: opaque, immutable), and the application takes it as such,
-- so the database compares the ids a caller names (a webhook's, a delivery's, a stream's) byte for byte,
-- whatever the server's default collation (docs/security.md rule 26): on a database created with
-- utf8mb4_general_ci (MariaDB's) or MySQL 8's utf8mb4_0900_ai_ci, "whk_x…" found the webhook "whk_X…",
-- and that spelling became the answer's id and, on rotation, what the new secret was sealed with
-- (black-box finding, 2026-12-07). utf8mb4_bin still pads (trailing spaces compare equal), so the
-- application looks up only ids of the right shape (WebhookService, StreamService, DeliveryRepository).
-- (COLLATE after NOT NULL: the one order MySQL, MariaDB and H2's MySQL mode all read.)
ALTER TABLE events_webhook MODIFY id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE events_stream MODIFY id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE events_delivery MODIFY id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE events_delivery MODIFY webhook_id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE events_attempt MODIFY delivery_id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
