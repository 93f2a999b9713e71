-- One-time tokens of the console's creating forms (org.behalf.console.session.FormOnce): the first
-- submit of a rendered form inserts its token, a second submit of the same render finds it and is
-- answered with the first's result. Rows older than a day are removed as new ones arrive.
CREATE TABLE console_form_once (
    account_id VARCHAR(64) NOT NULL COLLATE utf8mb4_bin,
    token VARCHAR(64) NOT NULL COLLATE utf8mb4_bin,
    sent_at TIMESTAMP(3) NOT NULL,
    result VARCHAR(2000) NULL,
    PRIMARY KEY (account_id, token)
);
CREATE INDEX console_form_once_sent ON console_form_once (sent_at);
