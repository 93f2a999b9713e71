-- The Authorization header a receiver asked to be sent with every push of its stream (OpenID SSF 1.0
-- section 8.1.1, delivery.authorization_header; black-box testing on 2026-12-07 found it refused). It is
-- the receiver's credential and must be sent as given, so it is sealed with the key-encryption key, as
-- webhook secrets are (DESIGN.md section 3), and never shown again. NULL: none.
ALTER TABLE events_stream ADD COLUMN authorization_header VARCHAR(2000);
