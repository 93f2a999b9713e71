-- Members of kind agent (DESIGN.md section 6, "AI assistants"; issue 21): every member is a person
-- or an agent, and an agent names the person who runs it (its operator). Agents have no e-mail; their
-- email_key is 'agent:' and their id, which no normalised address can equal (it has no '@').
ALTER TABLE identity_member ADD COLUMN kind VARCHAR(16) DEFAULT 'person' NOT NULL;
ALTER TABLE identity_member ADD COLUMN operator_id VARCHAR(64) NULL;
CREATE INDEX identity_member_operator ON identity_member (operator_id);

-- Clients that registered themselves (RFC 7591 dynamic registration, for MCP clients): who asked,
-- from where and when (docs/security.md rule 43). The registrations per address are limited with
-- identity_signin_throttle's window counts.
CREATE TABLE identity_dynamic_client (
    client_id   VARCHAR(100) NOT NULL,
    client_name VARCHAR(200) NOT NULL,
    address     VARCHAR(64)  NOT NULL,
    user_agent  VARCHAR(255) NULL,
    created_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (client_id)
);
CREATE INDEX identity_dynamic_client_created ON identity_dynamic_client (created_at);
