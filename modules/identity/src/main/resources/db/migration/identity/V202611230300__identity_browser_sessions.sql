-- Browser sessions (the sign-in form, consent, the console), stored by Spring Session JDBC so that
-- nodes keep no state of their own (DESIGN.md section 3). The column names are the ones Spring
-- Session's JDBC repository uses; its attributes table is named after this one plus _ATTRIBUTES.
CREATE TABLE identity_session (
    PRIMARY_ID            CHAR(36)     NOT NULL,
    SESSION_ID            CHAR(36)     NOT NULL,
    CREATION_TIME         BIGINT       NOT NULL,
    LAST_ACCESS_TIME      BIGINT       NOT NULL,
    MAX_INACTIVE_INTERVAL INT          NOT NULL,
    EXPIRY_TIME           BIGINT       NOT NULL,
    PRINCIPAL_NAME        VARCHAR(100),
    PRIMARY KEY (PRIMARY_ID)
);
CREATE UNIQUE INDEX identity_session_id ON identity_session (SESSION_ID);
CREATE INDEX identity_session_expiry ON identity_session (EXPIRY_TIME);
CREATE INDEX identity_session_principal ON identity_session (PRINCIPAL_NAME);

CREATE TABLE identity_session_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36)     NOT NULL,
    ATTRIBUTE_NAME     VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES    BLOB         NOT NULL,
    PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT identity_session_attributes_session FOREIGN KEY (SESSION_PRIMARY_ID)
        REFERENCES identity_session (PRIMARY_ID) ON DELETE CASCADE
);
