-- A grant's quotas move into its row ("scope=perDay" pairs separated by spaces), so that the check
-- of every delegated request is one locked read of the grant instead of that read plus one of
-- delegation_quota (issue 4 benchmark). What each quota used stays in delegation_quota_usage.
ALTER TABLE delegation_grant ADD COLUMN quotas VARCHAR(1000) NULL;
UPDATE delegation_grant SET quotas = (SELECT GROUP_CONCAT(CONCAT(q.scope, '=', q.per_day) ORDER BY q.scope SEPARATOR ' ')
    FROM delegation_quota q WHERE q.grant_id = delegation_grant.id);
DROP TABLE delegation_quota;
