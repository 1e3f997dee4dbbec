-- Applicants' access tokens are kept in clear nowhere (issue 18). The idempotency table kept each first answer whole,
-- token included. From now on it keeps a hash of the Idempotency-Key (PBKDF2, salted with the campaign), the answer
-- without its token, and the token sealed (AES-GCM) with a key derived from the client's raw Idempotency-Key and the
-- request's hash: only a retry with the same key and body opens it again (IdempotencyKey, IntakeService).
--
-- The rows written before keep answering retries, but without their token: the clear token is removed here, and it
-- cannot be sealed again since the raw key that sealing needs is not a secret of the old rows' (it was stored in clear,
-- with the token beside it). Those rows stay in idempotency_key_before_v7, read only; nothing is written there again,
-- and a later migration can drop it once no retry of those submissions can still come.
ALTER TABLE idempotency_key RENAME TO idempotency_key_before_v7;

-- the token is the second field of the stored JSON (Jackson writes SubmissionResponse's fields in order)
UPDATE idempotency_key_before_v7
SET response_body = REGEXP_REPLACE(response_body, ',"accessToken":"[^"]*"', '');

CREATE TABLE idempotency_key (
    campaign_key     VARCHAR(100) NOT NULL,
    -- hex of HMAC(PBKDF2(raw key, campaign), "lookup"): the raw key itself is never stored
    key_hash         VARCHAR(64)  NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    dossier_number   VARCHAR(40)  NOT NULL REFERENCES dossier (dossier_number),
    -- the first answer without its access token
    response_body    VARCHAR(4000) NOT NULL,
    -- base64 of the AES-GCM IV and ciphertext of the access token
    sealed_token     VARCHAR(200),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_key_hash_pk PRIMARY KEY (campaign_key, key_hash)
);
