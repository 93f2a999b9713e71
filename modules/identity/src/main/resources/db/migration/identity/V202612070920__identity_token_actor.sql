-- The member a delegation token acts for (its act.sub, RFC 8693 section 4.1), so that closing that
-- member's account ends the delegation tokens it holds on other holders' grants, as it ends its own
-- (docs/agents.md, an assistant's "tokens end"; docs/security.md rule 30). Null for every other token.
ALTER TABLE identity_token_index ADD COLUMN actor_name VARCHAR(200) NULL;
CREATE INDEX identity_token_index_actor ON identity_token_index (actor_name);
